//! The terminal around a suspension or the editor: giving it back and taking it again;
//! and the mouse, which is reported only while the dashboard holds the terminal.

use std::io::{self, Write};

use ratatui::crossterm::event::DisableMouseCapture;
use ratatui::crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::crossterm::{cursor, execute};
use ratatui::DefaultTerminal;

/// Whether the dashboard asks the terminal for mouse reports (`--no-mouse` and
/// `MANDATE_NO_MOUSE=1` leave the mouse to the terminal, for selecting text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mouse {
    On,
    Off,
}

/// Clicks and the wheel only, SGR-encoded (no motion reports: moving the pointer costs
/// nothing). crossterm's `EnableMouseCapture` would also ask for every motion (1003).
const MOUSE_ON: &[u8] = b"\x1b[?1000h\x1b[?1006h";

pub fn enable_mouse(mouse: Mouse) -> io::Result<()> {
    if mouse == Mouse::On {
        let mut out = io::stdout();
        out.write_all(MOUSE_ON)?;
        out.flush()?;
    }
    Ok(())
}

/// Turns every mouse mode off (harmless when none was on).
pub fn disable_mouse(mouse: Mouse) -> io::Result<()> {
    if mouse == Mouse::On {
        execute!(io::stdout(), DisableMouseCapture)?;
    }
    Ok(())
}

/// A panic restores the terminal through ratatui's hook; this one first turns the mouse
/// off, so a crash never leaves the shell receiving mouse reports.
pub fn hook_panic(mouse: Mouse) {
    if mouse == Mouse::Off {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = disable_mouse(Mouse::On);
        previous(info);
    }));
}

/// Ctrl-Z (or SIGTSTP): give the terminal back to the shell and stop until `fg`, then
/// take it again. SIGTSTP has a handler here, so the stop itself is SIGSTOP. Where
/// there is no job control, nothing happens.
pub fn suspend(terminal: &mut DefaultTerminal, mouse: Mouse) -> io::Result<()> {
    #[cfg(unix)]
    {
        leave(mouse)?;
        signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
        resume(terminal, mouse)?;
    }
    #[cfg(not(unix))]
    let _ = (terminal, mouse);
    Ok(())
}

/// Gives the terminal back: no mouse reports, cooked mode, the normal screen and cursor.
pub fn leave(mouse: Mouse) -> io::Result<()> {
    disable_mouse(mouse)?;
    disable_raw_mode()?;
    execute!(io::stdout(), LeaveAlternateScreen, cursor::Show)
}

/// Back from a suspension: raw mode, the alternate screen, the mouse, and a full redraw.
/// (Not `terminal.clear()`: it asks the terminal for the cursor position, and the key
/// reader thread holds the event lock, so the answer never arrives.)
pub fn resume(terminal: &mut DefaultTerminal, mouse: Mouse) -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        cursor::Hide,
        Clear(ClearType::All)
    )?;
    enable_mouse(mouse)?;
    // Swapping twice resets both buffers, so the next draw repaints every cell.
    terminal.swap_buffers();
    terminal.swap_buffers();
    Ok(())
}
