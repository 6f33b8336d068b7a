//! The `kubeplay` command line: `kubeplay run FILE` prints a scenario's transcript, `kubeplay shell` reads
//! command lines from stdin. The only crate (with xtask and tests) that touches files and stdout.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use kubeplay_engine::cluster::ClusterSpec;
use kubeplay_kubectl::Session;
use kubeplay_kubectl::scenario::{Scenario, transcript_entry};

#[derive(Parser)]
#[command(name = "kubeplay", version, about = "A deterministic Kubernetes cluster simulator with kubectl")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a scenario file and print its transcript.
    Run {
        /// The scenario (YAML: name, description, seed, think, cluster, files, steps).
        file: String,
        /// Override the scenario's seed.
        #[arg(long)]
        seed: Option<u64>,
    },
    /// Read command lines from stdin and print the transcript.
    Shell {
        /// Seed of the cluster's random choices (names, IPs, timings).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// A YAML file with a top-level `cluster:` block (a whole scenario file works too).
        #[arg(long)]
        cluster: Option<String>,
        /// Simulated time between command lines (Go duration; `0` for none).
        #[arg(long, default_value = "1s")]
        think: String,
    },
}

fn read_from_cwd(name: &str) -> Option<String> {
    std::fs::read_to_string(name).ok()
}

fn load_scenario(path: &str) -> Result<Scenario, (u8, String)> {
    let text = std::fs::read_to_string(path).map_err(|e| (1, format!("error: cannot read {path}: {e}")))?;
    Scenario::parse(&text).map_err(|e| (2, format!("error: {path}:{}:{}: {}", e.line, e.column, e.message)))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match cli.command {
        Command::Run { file, seed } => {
            let mut scenario = match load_scenario(&file) {
                Ok(s) => s,
                Err((code, msg)) => {
                    eprintln!("{msg}");
                    return ExitCode::from(code);
                }
            };
            if seed.is_some() {
                scenario.seed = seed;
            }
            let mut session = scenario.session();
            session.read_file = Some(read_from_cwd);
            for step in &scenario.steps {
                if out.write_all(transcript_entry(&mut session, step).as_bytes()).is_err() {
                    return ExitCode::from(1);
                }
            }
            ExitCode::SUCCESS
        }
        Command::Shell { seed, cluster, think } => {
            let spec = match cluster {
                Some(path) => match load_scenario(&path) {
                    Ok(s) => s.cluster.unwrap_or_default(),
                    Err((code, msg)) => {
                        eprintln!("{msg}");
                        return ExitCode::from(code);
                    }
                },
                None => ClusterSpec::default(),
            };
            let think_ms = match kubeplay_engine::time::parse_duration(&think) {
                Ok(ms) => ms,
                Err(e) => {
                    eprintln!("error: --think: {e}");
                    return ExitCode::from(1);
                }
            };
            let mut session = Session::new(&spec, seed);
            session.think_ms = think_ms;
            session.read_file = Some(read_from_cwd);
            for line in std::io::stdin().lock().lines() {
                let Ok(line) = line else {
                    return ExitCode::from(1);
                };
                if out.write_all(transcript_entry(&mut session, &line).as_bytes()).is_err() || out.flush().is_err() {
                    return ExitCode::from(1);
                }
            }
            ExitCode::SUCCESS
        }
    }
}
