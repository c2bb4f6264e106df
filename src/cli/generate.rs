//! `mandate --generate KIND`: the man page, a shell's completion script, or the JSON
//! Schema of the data file, printed to standard output (in the manner of ripgrep).

use clap::ValueEnum;
use clap_complete::Shell;
use clap_mangen::roff::{bold, italic, roman, Inline, Roff};

use super::home::USER_FILE_RULE;
use crate::report::Outcome;

/// The JSON Schema of the data file (draft 2020-12), as in `schema/`.
pub const SCHEMA: &str = include_str!("../../schema/mandate.schema.json");

/// What `--generate` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Generate {
    /// The man page (roff), for `man -l -` or ~/.local/share/man/man1/mandate.1
    Man,
    /// bash completion, for ~/.local/share/bash-completion/completions/mandate
    CompleteBash,
    /// zsh completion, for a file `_mandate` in a folder of $fpath (~/.zfunc/_mandate)
    CompleteZsh,
    /// fish completion, for ~/.config/fish/completions/mandate.fish
    CompleteFish,
    /// PowerShell completion, to dot-source from $PROFILE
    CompletePowershell,
    /// elvish completion, to `eval` from ~/.config/elvish/rc.elv
    CompleteElvish,
    /// The JSON Schema of the data file, for editors (see `#:schema` in `--init`'s file)
    Schema,
}

/// The text for `kind`, from the command's definition `cmd`.
pub fn generate(kind: Generate, cmd: clap::Command) -> Outcome {
    let stdout = match kind {
        Generate::Man => man(cmd),
        Generate::CompleteBash => bash(cmd),
        Generate::CompleteZsh => zsh(cmd),
        Generate::CompleteFish => fish(cmd),
        Generate::CompletePowershell => complete(Shell::PowerShell, cmd),
        Generate::CompleteElvish => complete(Shell::Elvish, cmd),
        Generate::Schema => SCHEMA.to_string(),
    };
    Outcome {
        stdout,
        stderr: String::new(),
        code: 0,
    }
}

fn complete(shell: Shell, mut cmd: clap::Command) -> String {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "mandate", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// bash: clap's script completes flags first and any file for FILE, `--init`'s PATH and
/// every other option's value; this one completes flags after a `-`, nothing for the
/// values that are no file, and otherwise `.toml` files and folders, one per line (a name
/// with a space stays whole).
/// (Should clap's script change shape, it is left as it is: every file completes.)
fn bash(cmd: clap::Command) -> String {
    const TOML: &str =
        r#"COMPREPLY=($(compgen -f -X '!*.toml' -- "${cur}"; compgen -d -- "${cur}"))"#;
    let script = complete(Shell::Bash, cmd);
    // Options whose value is no file (a number, an instant, a size): no candidate, and
    // no fall back to bash's file names (the script is registered with `-o default`).
    let values = ["--within", "--critical", "--size", "--now"].map(|flag| {
        (
            format!(
                r#"{flag})
                    COMPREPLY=($(compgen -f "${{cur}}"))"#
            ),
            format!(
                r#"{flag})
                    COMPREPLY=()
                    compopt +o default +o bashdefault 2>/dev/null"#
            ),
        )
    });
    let edits = [
        (
            r#"if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then"#.to_string(),
            r#"if [[ ${cur} == -* ]] ; then"#.to_string(),
        ),
        (
            r#"IFS=$'\n'
                    COMPREPLY=($(compgen -f "${cur}"))"#
                .to_string(),
            format!(
                r#"IFS=$'\n'
                    {TOML}"#
            ),
        ),
        (
            r#"*)
                    COMPREPLY=()
                    ;;"#
            .to_string(),
            format!(
                r#"*)
                    local IFS=$'\n'
                    {TOML}
                    compopt -o filenames 2>/dev/null
                    return 0
                    ;;"#
            ),
        ),
    ];
    let edits: Vec<(String, String)> = values.into_iter().chain(edits).collect();
    if edits
        .iter()
        .all(|(from, _)| script.matches(from.as_str()).count() == 1)
    {
        edits
            .iter()
            .fold(script, |s, (from, to)| s.replacen(from.as_str(), to, 1))
    } else {
        script
    }
}

/// fish: clap writes the values' descriptions in double quotes, where fish expands
/// `$NAME` (`$PROFILE`, `$fpath`): each `$` in a double-quoted string is escaped.
fn fish(cmd: clap::Command) -> String {
    let script = complete(Shell::Fish, cmd);
    let mut out = String::with_capacity(script.len() + 16);
    let (mut single, mut double, mut escaped) = (false, false, false);
    for c in script.chars() {
        match c {
            _ if escaped => escaped = false,
            // fish reads `\'` in single quotes and `\"`, `\$` in double quotes.
            '\\' => escaped = true,
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '$' if double => out.push('\\'),
            _ => {}
        }
        out.push(c);
    }
    out
}

/// zsh: FILE and `--init`'s PATH complete to `.toml` files (and folders).
fn zsh(cmd: clap::Command) -> String {
    complete(Shell::Zsh, cmd).replace(":_files'", ":_files -g \"*.toml\"'")
}

/// The man page: clap's sections (name, synopsis, description, options) and the
/// program's own: the lookup order, exit status, environment, files, examples.
pub fn man(cmd: clap::Command) -> String {
    let cmd = cmd.long_about(
        "mandate shows, live, how close each mandate of the peace operations in a TOML file is \
         to expiry (a countdown to the second), how much of the authorized strength is \
         deployed, what the mission achieved and still needs, and where each figure comes \
         from. It redraws the moment the file is saved. --check, --json and --print are \
         non-interactive modes for scripts; --init writes a starter file.",
    );
    let page = clap_mangen::Man::new(cmd).date("");
    let mut out = Vec::new();
    type Section = fn(&clap_mangen::Man, &mut dyn std::io::Write) -> std::io::Result<()>;
    let sections: [Section; 5] = [
        clap_mangen::Man::render_title,
        clap_mangen::Man::render_name_section,
        clap_mangen::Man::render_synopsis_section,
        clap_mangen::Man::render_description_section,
        clap_mangen::Man::render_options_section,
    ];
    for s in sections {
        s(&page, &mut out).expect("writing to memory");
    }
    let mut r = Roff::new();
    section(
        &mut r,
        "THE DATA FILE",
        &[&[
            roman("Without "),
            italic("FILE"),
            roman(", mandate reads the first of:"),
        ]],
    );
    items(&mut r, &[
        (&[bold("$MANDATE_FILE")], "if set and not empty;"),
        (&[bold("your file")], &format!("{USER_FILE_RULE}, if it exists;")),
        (&[bold("./data/mss-haiti.toml")], "if it exists in the working directory (after your file, so that a file planted where the shell happens to be is not read in place of yours);"),
        (&[bold("the built-in copy")], "of data/mss-haiti.toml (the status bar says \"built-in\"; there is nothing to watch)."),
    ]);
    para(&mut r, &[roman("The same order applies to every mode. "), bold("mandate --help"), roman(" shows the order with this machine's paths. The status bar and "), bold("--check"), roman(" name the file used. The format is described in docs/format.md and in the JSON Schema that "), bold("mandate --generate schema"), roman(" prints.")]);
    section(&mut r, "EXIT STATUS", &[]);
    items(&mut r, &[
        (&[bold("0")], "ok (also --check with warnings only)."),
        (&[bold("1")], "the data file is invalid or cannot be read (every problem is printed to standard error, FILE:LINE:COL); --init: the file exists already or cannot be written; the dashboard cannot run."),
        (&[bold("2")], "usage error: an unknown flag, a bad --now or --size."),
        (&[bold("3")], "--due: something is due (nothing due: 0, and nothing printed)."),
    ]);
    para(&mut r, &[bold("--nagios"), roman(" follows the plugin convention instead: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (also for a bad file and for bad usage).")]);
    section(&mut r, "ENVIRONMENT", &[]);
    items(&mut r, &[
        (&[bold("MANDATE_FILE")], "the data file to read when FILE is not given (empty counts as unset)."),
        (&[bold("MANDATE_CONFIG_DIR")], "the folder of your file, missions.toml, instead of the platform's (empty counts as unset)."),
        (&[bold("XDG_CONFIG_HOME")], "the configuration folder (default ~/.config; on macOS too): your file is $XDG_CONFIG_HOME/mandate/missions.toml."),
        (&[bold("HOME")], "where ~ is."),
        (&[bold("NO_COLOR")], "set and not empty: no colour; bold, reverse, underline and glyphs carry the meaning."),
        (&[bold("MANDATE_NO_MOUSE")], "set, not empty and not 0: leave the mouse to the terminal, as --no-mouse does."),
    ]);
    section(&mut r, "FILES", &[]);
    items(&mut r, &[
        (&[italic("$XDG_CONFIG_HOME"), roman("/mandate/missions.toml")], "your file (on Windows, %APPDATA%\\mandate\\missions.toml); mandate --init writes a starter there."),
        (&[roman("./data/mss-haiti.toml")], "the bundled data, read when mandate is started in a clone of its repository."),
    ]);
    section(&mut r, "SECURITY", &[
        &[roman("mandate writes nothing but for "), bold("--init"), roman(", which creates one new file (mode 0644, its folder 0755 if it creates it) through a temporary file in the same folder renamed into place, and never overwrites. It reads the data file with a 16 MiB limit and opens no network connection.")],
    ]);
    section(&mut r, "EXAMPLES", &[]);
    example(
        &mut r,
        "mandate --init",
        "write your file, a starter with one example mission to replace;",
    );
    example(
        &mut r,
        "mandate --check ~/.config/mandate/missions.toml",
        "check it: every problem, one per line, FILE:LINE:COL;",
    );
    example(
        &mut r,
        "mandate",
        "open the dashboard on it (it follows every save);",
    );
    example(
        &mut r,
        "mandate --json | jq '.missions[] | select(.phase == \"expiring\") | .id'",
        "the missions close to expiry, for a script;",
    );
    example(
        &mut r,
        "mandate --print --size 120x40 --now 2025-09-22",
        "one frame as plain text, at another instant;",
    );
    example(
        &mut r,
        "mandate --generate man > ~/.local/share/man/man1/mandate.1",
        "install this page.",
    );
    r.to_writer(&mut out).expect("writing to memory");
    page.render_version_section(&mut out)
        .expect("writing to memory");
    // Each section rendered alone starts with clap_mangen's definition of the quote
    // string; one at the top is enough.
    let text = String::from_utf8_lossy(&out);
    let preamble = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";
    match text.split_once(preamble) {
        Some((before, after)) => format!("{before}{preamble}{}", after.replace(preamble, "")),
        None => text.into_owned(),
    }
}

fn section(r: &mut Roff, title: &str, paras: &[&[Inline]]) {
    r.control("SH", [title]);
    for p in paras {
        r.text(p.to_vec());
    }
}

fn para(r: &mut Roff, text: &[Inline]) {
    r.control("PP", [] as [&str; 0]);
    r.text(text.to_vec());
}

fn items(r: &mut Roff, list: &[(&[Inline], &str)]) {
    for (tag, text) in list {
        r.control("TP", [] as [&str; 0]);
        r.text(tag.to_vec());
        r.text([roman(*text)]);
    }
}

fn example(r: &mut Roff, command: &str, what: &str) {
    r.control("TP", [] as [&str; 0]);
    r.text([bold(command)]);
    r.text([roman(what)]);
}
