//! End-to-end tests: the real binary in a pseudo-terminal, read through vt100 the way a
//! person sees it. Every test starts the seed file at noon in New York on 22 Sep 2025
//! (`--now`; the clock runs on from there).

use std::time::Duration;

use crate::common::{
    check, check_restored, countdown, keys, Failure, TestResult as Result, Tui, SEED_ARGS,
};

/// The seed dashboard, once it is on the screen.
fn started(cols: u16, rows: u16) -> std::result::Result<Tui, Failure> {
    let tui = Tui::seed(cols, rows);
    tui.wait_text("11 days left")?;
    Ok(tui)
}

#[test]
fn start_shows_the_mission_and_a_live_countdown() -> Result {
    let tui = Tui::seed(120, 40);
    let screen = tui.wait_text("10d 11:59:5")?;
    for want in [
        "11 days left",
        "Haiti: MSS and the Gang Suppression Force",
        "EXPIRING",
        "Multinational Security Support Mission",
    ] {
        check(screen.contains(want), &format!("{want:?} missing"), &screen)?;
    }
    let first = countdown(&screen).ok_or("no countdown on the screen")?;
    let later = tui.wait_for_within(
        &format!("the countdown to move on from {first}"),
        Duration::from_secs(3),
        |s| countdown(s).is_some_and(|c| c != first),
    )?;
    let next = countdown(&later).unwrap_or_default();
    check(
        next.starts_with("10d 11:59:") && next < first,
        &format!("the countdown went from {first} to {next}"),
        &later,
    )
}

#[test]
fn tab_and_shift_tab_move_the_focus_marker() -> Result {
    // With two missions the focus starts on the list.
    let tui = started(120, 40)?;
    tui.wait_text("▶ 1 Missions")?;
    tui.send(keys::TAB);
    tui.wait_for("the marker on Status alone", |s| {
        s.contains("▶ 2 Status") && !s.contains("▶ 1 Missions")
    })?;
    tui.send(keys::SHIFT_TAB);
    tui.wait_for("the marker back on Missions alone", |s| {
        s.contains("▶ 1 Missions") && !s.contains("▶ 2 Status")
    })?;
    Ok(())
}

#[test]
fn question_mark_shows_every_key_and_esc_closes_the_help() -> Result {
    let tui = started(120, 40)?;
    let labels: Vec<&str> = mandate::app::keys::BINDINGS
        .iter()
        .map(|b| b.label)
        .chain(["Shift-Tab", "Ctrl-Z", "Ctrl-C", "Esc", "Enter"])
        .collect();
    let missing =
        |s: &str| -> Vec<&str> { labels.iter().copied().filter(|l| !s.contains(l)).collect() };
    tui.send("?");
    tui.wait_for("the help with every key", |s| {
        s.contains("Keys") && missing(s).is_empty()
    })
    .map_err(|e| Failure(format!("lacking {:?}: {e}", missing(&tui.text()))))?;
    tui.send(keys::ESC);
    tui.wait_for("the dashboard without the help", |s| {
        !s.contains("? or Esc to close") && s.contains("▶ 1 Missions") && s.contains("11 days left")
    })?;
    Ok(())
}

#[test]
fn brackets_travel_in_time_and_t_comes_back() -> Result {
    let tui = started(120, 40)?;
    tui.send("]");
    tui.wait_for("a day of time travel", |s| {
        s.contains("time travel: +1 day")
            && s.contains("10 days left")
            && s.contains("Tue 23 Sep 2025")
    })?;
    tui.send("t");
    tui.wait_for("the start clock", |s| {
        !s.contains("time travel") && s.contains("11 days left") && s.contains("Mon 22 Sep 2025")
    })?;
    Ok(())
}

#[test]
fn enter_zooms_the_focused_panel_and_esc_returns() -> Result {
    let tui = started(120, 40)?;
    tui.send("4");
    tui.wait_text("▶ 4 Strength")?;
    tui.send(keys::ENTER);
    tui.wait_for("Strength zoomed alone", |s| {
        let title = s.lines().find(|l| l.contains("(Enter/Esc: back)"));
        title.is_some_and(|t| t.contains("Strength")) && !s.contains("5 Mandate")
    })?;
    tui.send(keys::ESC);
    tui.wait_for("every panel back", |s| {
        !s.contains("(Enter/Esc: back)") && s.contains("▶ 4 Strength") && s.contains("5 Mandate")
    })?;
    Ok(())
}

#[test]
fn q_quits_and_the_terminal_is_back_to_normal() -> Result {
    let mut tui = started(120, 40)?;
    let (alternate, hidden) = tui.with_screen(|s| (s.alternate_screen(), s.hide_cursor()));
    let screen = tui.text();
    check(
        alternate && hidden,
        "the dashboard is not on the alternate screen with the cursor hidden",
        &screen,
    )?;
    if let Some(modes) = tui.local_modes() {
        check(
            !modes.contains("ICANON"),
            &format!("the dashboard runs without raw mode: {modes}"),
            &screen,
        )?;
    }
    tui.send("q");
    check_restored(&mut tui)
}

#[test]
fn ctrl_c_quits_and_the_terminal_is_back_to_normal() -> Result {
    let mut tui = started(120, 40)?;
    tui.send(keys::CTRL_C);
    check_restored(&mut tui)
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() -> Result {
    for sig in ["TERM", "HUP"] {
        let mut tui = started(120, 40)?;
        tui.signal(sig)?;
        check_restored(&mut tui).map_err(|e| Failure(format!("after SIG{sig}: {e:?}")))?;
    }
    Ok(())
}

#[test]
fn resizing_redraws_at_the_new_size_and_warns_when_too_small() -> Result {
    let mut tui = started(120, 40)?;
    tui.resize(80, 24);
    let screen = tui.wait_for("the dashboard at 80x24", |s| {
        let lines: Vec<&str> = s.lines().collect();
        // "q quit" is only in the status bar of wide screens: its absence shows a redraw.
        lines.len() == 24
            && lines[23].contains("? help")
            && !lines[23].contains("q quit")
            && lines[0].contains("mandate")
            && (lines[22].starts_with('╰') || lines[22].starts_with('┗'))
    })?;
    check(
        screen.contains("11 days left") && screen.contains("8 Sources"),
        "the 80x24 layout lacks the countdown or a panel",
        &screen,
    )?;

    tui.resize(40, 10);
    // 40 columns are too narrow for the whole sentence: it is cut with "…".
    let screen = tui.wait_text("terminal too small: need 60x18")?;
    check(
        !screen.contains("days left"),
        "the dashboard is drawn in a 40x10 terminal",
        &screen,
    )?;

    tui.resize(59, 17);
    let screen = tui.wait_text("terminal too small: need 60x18, have 59x17")?;
    check(
        screen.lines().filter(|l| !l.trim().is_empty()).count() == 1,
        "more than the one line below the minimum size",
        &screen,
    )?;

    tui.resize(120, 40);
    let screen = tui.wait_for("the dashboard at 120x40", |s| {
        s.contains("11 days left") && s.contains("q quit") && !s.contains("too small")
    })?;
    check(
        screen.contains("▶ 1 Missions"),
        "the focus was lost over the resizes",
        &screen,
    )?;
    check(tui.running(), "mandate exited during the resizes", &screen)
}

#[test]
fn no_color_draws_without_colour_and_keeps_the_thick_focus_border() -> Result {
    let coloured = |tui: &Tui| {
        tui.with_screen(|s| {
            let (rows, cols) = s.size();
            (0..rows)
                .flat_map(|r| (0..cols).map(move |c| (r, c)))
                .filter(|&(r, c)| {
                    s.cell(r, c).is_some_and(|cell| {
                        cell.fgcolor() != vt100::Color::Default
                            || cell.bgcolor() != vt100::Color::Default
                    })
                })
                .count()
        })
    };

    // Without NO_COLOR there is colour, so the check below can see it.
    let tui = started(120, 40)?;
    let screen = tui.text();
    check(
        coloured(&tui) > 0,
        "no colour even without NO_COLOR",
        &screen,
    )?;
    drop(tui);

    let tui = Tui::spawn(120, 40, &SEED_ARGS, &[("NO_COLOR", "1")]);
    let screen = tui.wait_text("11 days left")?;
    // Wait for a tick so the check covers a redraw as well as the first frame.
    let first = countdown(&screen).unwrap_or_default();
    let screen = tui.wait_for("a tick", |s| countdown(s).is_some_and(|c| c != first))?;
    let n = coloured(&tui);
    check(n == 0, &format!("{n} cells have a colour"), &screen)?;
    check(
        screen.contains('┏') && screen.contains("▶ 1 Missions"),
        "no thick border or marker on the focused panel",
        &screen,
    )
}

#[test]
fn a_missing_file_opens_with_the_problem_shown_and_q_quits() -> Result {
    let mut tui = Tui::spawn(
        120,
        40,
        &["--now", "2025-09-22T12:00:00-04:00", "no-such-file.toml"],
        &[],
    );
    let screen = tui.wait_text("file missing")?;
    check(
        screen.contains("no-such-file.toml"),
        "the missing file is not named",
        &screen,
    )?;
    tui.send("q");
    let status = tui.wait_exit()?;
    if status.success() {
        Ok(())
    } else {
        Err(Failure(format!("mandate exited with {status}")))
    }
}

/// The exact countdown and the clock in the status bar show the same instant:
/// at 12:00:SS on 22 Sep the mandate has 10d 11:59:(60-SS) left (it ends at midnight
/// at the end of 2 Oct, New York and Port-au-Prince time alike).
#[test]
fn the_countdown_agrees_with_the_clock() -> Result {
    let tui = started(120, 40)?;
    let agree = |s: &str| {
        let Some(c) = countdown(s) else { return false };
        let Some(at) = s.find(" EDT") else {
            return false;
        };
        let clock = &s[at.saturating_sub(8)..at];
        let Some(ss) = clock
            .strip_prefix("12:00:")
            .and_then(|x| x.parse::<i64>().ok())
        else {
            return false;
        };
        let left = 10 * 86_400 + 12 * 3_600 - ss;
        c == format!(
            "{}d {:02}:{:02}:{:02}",
            left / 86_400,
            left % 86_400 / 3_600,
            left % 3_600 / 60,
            left % 60
        )
    };
    tui.wait_for_within(
        "the countdown to agree with the clock",
        Duration::from_secs(3),
        agree,
    )
    .map(|_| ())
    .map_err(Failure)
}

/// What `fg` does after Ctrl-Z: the program is stopped, then continued. It redraws the
/// dashboard and goes on running.
#[test]
fn continuing_after_a_stop_redraws_and_keeps_running() -> Result {
    let mut tui = started(120, 40)?;
    tui.signal("STOP")?;
    std::thread::sleep(Duration::from_millis(200));
    tui.signal("CONT")?;
    tui.wait_text("11 days left")?;
    // Past crossterm's 2 s limit for reading the cursor position.
    std::thread::sleep(Duration::from_millis(2500));
    let screen = tui.text();
    check(tui.running(), "mandate exited after SIGCONT", &screen)?;
    tui.wait_text("11 days left")?;
    tui.send("q");
    check_restored(&mut tui)
}

/// `r` and SIGUSR1 reload by hand: the dashboard reads the file again and goes on.
#[test]
fn r_and_sigusr1_reload_and_keep_running() -> Result {
    let mut tui = started(120, 40)?;
    tui.send("r");
    tui.signal("USR1")?;
    std::thread::sleep(Duration::from_millis(300));
    let screen = tui.text();
    check(
        tui.running(),
        "mandate exited after a manual reload",
        &screen,
    )?;
    check(
        !screen.contains('⚠'),
        "a manual reload of a good file shows a problem",
        &screen,
    )?;
    tui.wait_text("989 / 2,500 (40%)")?;
    tui.send("q");
    check_restored(&mut tui)
}

/// A burst of input larger than crossterm's 1 KiB read buffer (a paste of 4,000 `]`) is
/// read whole: the `q` typed after it quits at once (crossterm's default event source
/// read 1,024 bytes per wake-up and left the rest until the next key).
#[test]
fn a_4000_byte_paste_is_read_whole_and_the_next_q_quits() -> Result {
    let mut tui = started(120, 40)?;
    tui.send(&"]".repeat(4000));
    tui.wait_for_within("4,000 days of time travel", Duration::from_secs(10), |s| {
        s.contains("time travel: +4000 days")
    })?;
    tui.send("q");
    check_restored(&mut tui)
}

/// Where the last of `pat` is in `raw`, if anywhere.
fn last(raw: &[u8], pat: &[u8]) -> Option<usize> {
    raw.windows(pat.len()).rposition(|w| w == pat)
}

/// The raw output turns the mouse off after it last turned it on (crossterm's
/// `DisableMouseCapture` ends with `?1000l`; SGR is `?1006l`).
fn mouse_off(tui: &Tui) -> Result {
    let raw = tui.raw();
    let on = last(&raw, b"\x1b[?1000h");
    let off = last(&raw, b"\x1b[?1000l").max(last(&raw, b"\x1b[?1006l"));
    check(
        on.is_some() && off > on,
        &format!("the mouse is left on: last enable at {on:?}, last disable at {off:?}"),
        &tui.text(),
    )
}

/// An SGR click on GSF's row of the list selects it; the wheel over Mandate scrolls
/// Mandate (not the focused list).
#[test]
fn an_sgr_click_and_the_wheel_reach_the_program() -> Result {
    let mut tui = started(120, 40)?;
    // Row 4, column 4 (1-based) is GSF in the list at 120x40: press, then release.
    tui.send("\x1b[<0;4;4M\x1b[<0;4;4m");
    tui.wait_for("GSF selected by the click", |s| {
        s.contains("Gang Suppression Force\n") || s.contains("│Gang Suppression Force")
    })?;
    // Back to MSS, then the wheel down over Mandate (column 81, row 19).
    tui.send("\x1b[<0;4;3M\x1b[<0;4;3m");
    tui.wait_text("2699 (2023)  2 Oct 2023")?;
    tui.send("\x1b[<65;81;19M");
    tui.wait_for("Mandate scrolled by the wheel", |s| {
        !s.contains("2699 (2023)  2 Oct 2023") && s.contains("2751 (2024)")
    })?;
    tui.send("q");
    check_restored(&mut tui)?;
    mouse_off(&tui)
}

#[test]
fn q_sigterm_and_ctrl_z_leave_the_terminal_out_of_mouse_mode() -> Result {
    let mut tui = started(120, 40)?;
    tui.send("q");
    check_restored(&mut tui)?;
    mouse_off(&tui).map_err(|e| Failure(format!("after q: {e:?}")))?;

    let mut tui = started(120, 40)?;
    tui.signal("TERM")?;
    check_restored(&mut tui)?;
    mouse_off(&tui).map_err(|e| Failure(format!("after SIGTERM: {e:?}")))?;

    // Ctrl-Z: stopped, with the mouse off; `fg` (SIGCONT) turns it on again.
    let mut tui = started(120, 40)?;
    tui.send("\x1a");
    tui.wait_for("the normal screen after Ctrl-Z", |_| {
        tui.with_screen(|s| !s.alternate_screen())
    })?;
    mouse_off(&tui).map_err(|e| Failure(format!("after Ctrl-Z: {e:?}")))?;
    let stopped_at = tui.raw().len();
    tui.signal("CONT")?;
    tui.wait_text("11 days left")?;
    let raw = tui.raw();
    check(
        last(&raw[stopped_at..], b"\x1b[?1000h").is_some(),
        "the mouse is not back on after fg",
        &tui.text(),
    )?;
    tui.send("q");
    check_restored(&mut tui)?;
    mouse_off(&tui)
}

#[test]
fn no_mouse_and_mandate_no_mouse_leave_the_mouse_alone() -> Result {
    let with_flag: Vec<&str> = ["--no-mouse"].into_iter().chain(SEED_ARGS).collect();
    for (args, env) in [
        (with_flag.as_slice(), &[][..]),
        (&SEED_ARGS[..], &[("MANDATE_NO_MOUSE", "1")][..]),
    ] {
        let mut tui = Tui::spawn(120, 40, args, env);
        tui.wait_text("11 days left")?;
        tui.send("q");
        check_restored(&mut tui)?;
        let raw = tui.raw();
        check(
            last(&raw, b"\x1b[?1000h").is_none(),
            &format!("the mouse was turned on with {args:?} {env:?}"),
            &tui.text(),
        )?;
    }
    Ok(())
}

/// The timeline, the filter and the date prompt, typed as a person would.
#[test]
fn t_filter_and_go_to_date_in_the_timeline() -> Result {
    let mut tui = started(120, 40)?;
    tui.send("T");
    tui.wait_text("Timeline · by expiry · today 22 Sep 2025")?;
    tui.send("/gang");
    tui.wait_text("Timeline /gang 1 of 2")?;
    tui.send(keys::ENTER);
    tui.send(":2024-10-03");
    tui.wait_text(":2024-10-03")?;
    tui.send(keys::ENTER);
    tui.wait_for("the clock on 3 Oct 2024", |s| {
        s.contains("today 3 Oct 2024") && s.contains("time travel: -354 days")
    })?;
    tui.send(keys::ESC);
    tui.wait_text("▶ 1 Missions /gang 1 of 2")?;
    tui.send("q");
    check_restored(&mut tui)
}
