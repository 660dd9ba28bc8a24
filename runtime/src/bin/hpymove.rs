//! `hpymove`: run Python scripts that use HPy extensions on the moving heap.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    std::process::exit(hpymove_runtime::cli::main(args));
}
