//! Column alignment as Go's `text/tabwriter` does it, which both kubectl's tables and its describers use.
//!
//! Text is a sequence of lines; a tab ends a cell. A column is a run of consecutive lines that all have a
//! tab-terminated cell at that index, so alignment restarts wherever a line has fewer cells. The last cell
//! of a line is never padded. Widths count characters (Go counts runes).

/// How wide a column is: the widest cell plus `padding`, but at least `min_width`.
#[derive(Clone, Copy, Debug)]
pub struct Layout {
    pub min_width: usize,
    pub padding: usize,
}

/// kubectl's table printer (`cli-runtime/pkg/printers/tabwriter.go`): minwidth 6, padding 3.
pub const TABLE: Layout = Layout { min_width: 6, padding: 3 };

/// kubectl's describers (`tabbedString` in `kubectl/pkg/describe/describe.go`): minwidth 0, padding 2.
pub const DESCRIBE: Layout = Layout { min_width: 0, padding: 2 };

/// Aligns `text` (tab-separated cells, newline-terminated lines).
pub fn align(text: &str, layout: Layout) -> String {
    let mut lines: Vec<Vec<&str>> = text.split('\n').map(|line| line.split('\t').collect()).collect();
    // A trailing newline leaves an empty last piece that is not a line of its own.
    let ends_with_newline = text.ends_with('\n');
    if ends_with_newline {
        lines.pop();
    }
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let mut widths = Vec::new();
    format(&lines, &mut widths, 0, lines.len(), layout, &mut out);
    if !ends_with_newline && out.ends_with('\n') {
        out.pop();
    }
    out
}

/// Lays out lines `line0..line1`, all of which have cells in the columns whose widths are known. Finds each
/// block of lines that has one more column, sizes it, and recurses into it.
fn format(lines: &[Vec<&str>], widths: &mut Vec<usize>, line0: usize, line1: usize, layout: Layout, out: &mut String) {
    let column = widths.len();
    let mut start = line0;
    let mut this = line0;
    while this < line1 {
        if column + 1 >= lines[this].len() {
            this += 1;
            continue;
        }
        write_lines(lines, widths, start, this, out);
        start = this;
        let mut width = layout.min_width;
        while this < line1 && column + 1 < lines[this].len() {
            width = width.max(cell_width(lines[this][column]) + layout.padding);
            this += 1;
        }
        widths.push(width);
        format(lines, widths, start, this, layout, out);
        widths.pop();
        start = this;
    }
    write_lines(lines, widths, start, line1, out);
}

fn write_lines(lines: &[Vec<&str>], widths: &[usize], line0: usize, line1: usize, out: &mut String) {
    for line in &lines[line0..line1] {
        for (j, cell) in line.iter().enumerate() {
            out.push_str(cell);
            if let Some(&w) = widths.get(j) {
                for _ in cell_width(cell)..w {
                    out.push(' ');
                }
            }
        }
        out.push('\n');
    }
}

fn cell_width(cell: &str) -> usize {
    cell.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_padded_to_the_widest_cell() {
        let text = "NAME\tREADY\tAGE\nweb-1\t1/1\t5s\n";
        assert_eq!(align(text, TABLE), "NAME    READY   AGE\nweb-1   1/1     5s\n");
    }

    #[test]
    fn a_line_without_tabs_ends_the_block() {
        let text = "Name:\tx\nLonger name:\ty\nBreak\nA:\tz\n";
        assert_eq!(align(text, DESCRIBE), "Name:         x\nLonger name:  y\nBreak\nA:  z\n");
    }

    #[test]
    fn nested_columns_only_span_lines_that_have_them() {
        // Go's tabwriter: "Port:" lines have a second column the lines between them do not share.
        let text = "Port:\thttp\t80/TCP\nTargetPort:\t8080/TCP\nEndpoints:\t\n";
        assert_eq!(align(text, DESCRIBE), "Port:        http  80/TCP\nTargetPort:  8080/TCP\nEndpoints:   \n");
    }
}
