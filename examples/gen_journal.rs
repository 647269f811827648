//! Writes a synthetic journal of any size, for trying `insight` at scale.
//!
//!     cargo run --release --example gen_journal -- /tmp/journal-10k 10000 [SEED]

#[path = "../benches/synthetic.rs"]
mod synthetic;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(Ok(entries))) = (args.first(), args.get(1).map(|n| n.parse::<usize>()))
    else {
        eprintln!("usage: gen_journal DIR ENTRIES [SEED]");
        return ExitCode::from(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    match synthetic::write_journal(&PathBuf::from(dir), entries, seed) {
        Ok(()) => {
            println!("wrote {entries} entries to {dir}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write {dir}: {e}");
            ExitCode::from(2)
        }
    }
}
