fn main() -> std::process::ExitCode {
    fgcheck::cli::main()
}
