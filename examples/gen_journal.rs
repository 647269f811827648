//! Writes a synthetic journal of any size, for trying `insight` at scale.
//!
//!     cargo run --release --example gen_journal -- /tmp/journal-10k 10000 [SEED] [small|org]
//!
//! `small` (the default): 10 people, 16 tags, about 200 ideas mentioned
//! again and again. `org`: the organisation of the seed stories, with
//! 1,200 people and an idea of its own in most entries.

#[path = "../benches/synthetic.rs"]
mod synthetic;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(Ok(entries))) = (args.first(), args.get(1).map(|n| n.parse::<usize>()))
    else {
        eprintln!("usage: gen_journal DIR ENTRIES [SEED] [small|org]");
        return ExitCode::from(2);
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let Some(shape) = synthetic::Shape::parse(args.get(3).map_or("small", String::as_str)) else {
        eprintln!("error: the shape is small or org");
        return ExitCode::from(2);
    };
    match synthetic::write_journal_shaped(&PathBuf::from(dir), entries, seed, shape) {
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
