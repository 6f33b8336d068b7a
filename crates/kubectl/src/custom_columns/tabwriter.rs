//! Column alignment as kubectl's printers do it: `github.com/liggitt/tabwriter` (a fork of Go's
//! `text/tabwriter`) with cli-runtime's settings: minimum width 6, padding 3, spaces, `RememberWidths`.
//!
//! Text is cut into cells at `\t` (and `\v`), and into lines at `\n` (and `\f`). A column is aligned
//! over a block of consecutive lines that all have a cell in it followed by another; the last cell
//! of a line is never padded. A line with a single cell flushes what came before it, so a value
//! holding a newline splits the table in two, but with `RememberWidths` a later block never gets
//! narrower columns than an earlier one. Widths count characters (Go counts UTF-8 runes).

const MIN_WIDTH: usize = 6;
const PADDING: usize = 3;

/// Aligns `text` as kubectl's tabwriter prints it.
pub(crate) fn align(text: &str) -> String {
    let mut writer = Writer::default();
    writer.write(text);
    writer.flush();
    writer.out
}

#[derive(Default)]
struct Writer {
    out: String,
    /// Lines since the last flush; the last one is the line being written.
    lines: Vec<Vec<String>>,
    /// The cell being written.
    cell: String,
    /// Widest width seen so far per column, kept across flushes (`RememberWidths`).
    max_widths: Vec<usize>,
}

impl Writer {
    fn write(&mut self, text: &str) {
        for c in text.chars() {
            match c {
                '\t' | '\u{b}' | '\n' | '\u{c}' => {
                    let cell = std::mem::take(&mut self.cell);
                    let line = self.current_line();
                    line.push(cell);
                    let cells = line.len();
                    if c == '\n' || c == '\u{c}' {
                        self.lines.push(Vec::new());
                        if c == '\u{c}' || cells == 1 {
                            self.flush();
                        }
                    }
                }
                c => self.cell.push(c),
            }
        }
    }

    fn current_line(&mut self) -> &mut Vec<String> {
        if self.lines.is_empty() {
            self.lines.push(Vec::new());
        }
        let last = self.lines.len() - 1;
        &mut self.lines[last]
    }

    fn flush(&mut self) {
        if !self.cell.is_empty() {
            let cell = std::mem::take(&mut self.cell);
            self.current_line().push(cell);
        }
        let lines = std::mem::take(&mut self.lines);
        let widths = self.column_widths(&lines);
        for (i, (line, widths)) in lines.iter().zip(&widths).enumerate() {
            for (j, cell) in line.iter().enumerate() {
                self.out.push_str(cell);
                if let Some(width) = widths.get(j) {
                    let pad = width.saturating_sub(cell.chars().count());
                    self.out.extend(std::iter::repeat_n(' ', pad));
                }
            }
            if i + 1 < lines.len() {
                self.out.push('\n');
            }
        }
    }

    /// The width of each padded cell of each line. Column `j` of a line is padded when the line has
    /// a cell after it; its width is that of the block of consecutive such lines. Blocks are sized in
    /// the order Go's recursive formatter meets them: by first line, then by column.
    fn column_widths(&mut self, lines: &[Vec<String>]) -> Vec<Vec<usize>> {
        let padded = |line: &Vec<String>| line.len().saturating_sub(1);
        let mut widths: Vec<Vec<usize>> = Vec::with_capacity(lines.len());
        for (i, line) in lines.iter().enumerate() {
            let mut line_widths = Vec::with_capacity(padded(line));
            for j in 0..padded(line) {
                let continues_block = i > 0 && j < padded(&lines[i - 1]);
                let width = if continues_block {
                    widths[i - 1][j]
                } else {
                    let block = lines[i..].iter().take_while(|l| j < padded(l));
                    let widest = block.map(|l| l[j].chars().count() + PADDING).max().unwrap_or(0);
                    self.remember(&line_widths, widest.max(MIN_WIDTH))
                };
                line_widths.push(width);
            }
            widths.push(line_widths);
        }
        widths
    }

    /// Applies `RememberWidths` to a new block of column `outer.len()`, where `outer` holds the widths
    /// of the enclosing columns.
    fn remember(&mut self, outer: &[usize], width: usize) -> usize {
        let column = outer.len();
        if self.max_widths.len() < column {
            let known = self.max_widths.len();
            self.max_widths.extend_from_slice(&outer[known..]);
        }
        match self.max_widths.get_mut(column) {
            None => {
                self.max_widths.push(width);
                width
            }
            Some(max) if *max > width => *max,
            Some(max) => {
                *max = width;
                width
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::align;

    #[test]
    fn aligns_columns() {
        assert_eq!(align("NAME\tAPI_VERSION\nfoo\tbaz\n"), "NAME   API_VERSION\nfoo    baz\n");
        assert_eq!(align("A\tB\tC\nlong-value\tx\ty\n"), "A            B     C\nlong-value   x     y\n");
        assert_eq!(align("NAME\nfoo\n"), "NAME\nfoo\n");
        assert_eq!(align("é\tx\nab\ty"), "é     x\nab    y");
    }

    #[test]
    fn single_cell_lines_flush_but_widths_are_remembered() {
        // A value with a newline splits the table; the block after it keeps the wider column.
        let text = "NAME\tX\nlong-name-here\ta\nsplit\nvalue\tb\nc\td\n";
        assert_eq!(
            align(text),
            "NAME             X\nlong-name-here   a\nsplit\nvalue            b\nc                d\n"
        );
        // Blocks: a line without the column ends the block, and the next one is sized on its own.
        assert_eq!(align("a\tb\tc\nxxxxxxxx\ty\nd\te\tf\n"), "a          b     c\nxxxxxxxx   y\nd          e     f\n");
    }
}
