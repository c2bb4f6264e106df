//! The terminal around a suspension: giving it back to the shell and taking it again.

use std::io;

use ratatui::crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::crossterm::{cursor, execute};
use ratatui::DefaultTerminal;

/// Ctrl-Z (or SIGTSTP): give the terminal back to the shell and stop until `fg`, then
/// take it again. SIGTSTP has a handler here, so the stop itself is SIGSTOP. Where
/// there is no job control, nothing happens.
pub fn suspend(terminal: &mut DefaultTerminal) -> io::Result<()> {
    #[cfg(unix)]
    {
        leave()?;
        signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
        resume(terminal)?;
    }
    #[cfg(not(unix))]
    let _ = terminal;
    Ok(())
}

#[cfg(unix)]
fn leave() -> io::Result<()> {
    disable_raw_mode()?;
    execute!(io::stdout(), LeaveAlternateScreen, cursor::Show)
}

/// Back from a suspension: raw mode, the alternate screen, and a full redraw.
/// (Not `terminal.clear()`: it asks the terminal for the cursor position, and the key
/// reader thread holds the event lock, so the answer never arrives.)
pub fn resume(terminal: &mut DefaultTerminal) -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        cursor::Hide,
        Clear(ClearType::All)
    )?;
    // Swapping twice resets both buffers, so the next draw repaints every cell.
    terminal.swap_buffers();
    terminal.swap_buffers();
    Ok(())
}
