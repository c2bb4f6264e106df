fn main() {
    mandate::cli::main();
}
