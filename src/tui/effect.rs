//! What a room asks the shell to do once it has handled a key: the shell
//! (`app.rs`) carries these out in order, so rooms never reach past
//! themselves (no room writes to the store, opens a sibling or drops a toast
//! into the frame by itself).

use crate::domain::queue::PriorityReason;
use crate::ops::queue::QueueAct;
use crate::ops::{ActKind, ActRequest, OpsError, SubmitRequest};
use crate::store::model::Record;

use super::dialogs::Dialog;
use super::panes::reports::PeriodChoice;
use super::screens::work::PaneKind;

pub enum Effect {
    Toast {
        text: String,
        error: bool,
    },
    /// An operation failed: a toast in words, or the login when the
    /// session expired.
    Fail(OpsError),
    /// A dialog over the others.
    Push(Box<Dialog>),
    /// The innermost dialog closes.
    Pop,
    /// A change for the backend: the one write path.
    Run(Command),
    /// Reload the lists (and the queue) from the store.
    Refresh,
    /// Reload the operator's desk and the head's figures.
    RefreshQueue,
    /// An application read from the store, shown as a case.
    OpenCase(Box<Record>),
    /// Back from the case to its list.
    CloseCase,
    /// Back to the login screen (asking first when something typed would be lost).
    Logout,
    /// Switch to the role's pane of this kind, when it has one.
    ShowPane(PaneKind),
    /// Read the Reports pane's figures (shown for the first time, or asked again).
    LoadReports,
    /// The Reports pane's period was chosen: its figures for it.
    ReportPeriod(PeriodChoice),
}

/// A change to carry out (once confirmed, where it asks).
#[derive(Clone)]
pub enum Command {
    /// Create the demo region in the empty store.
    CreateDemo,
    SignIn {
        login: String,
        password: String,
    },
    Submit(SubmitRequest),
    Act {
        number: String,
        kind: ActKind,
        req: ActRequest,
        /// The toast on success.
        done: String,
    },
    /// An act at the operator's queue window.
    Queue(QueueAct),
    /// A ticket from the hall's kiosk.
    TakeTicket {
        letter: char,
        priority: Option<PriorityReason>,
    },
    /// An appointment checked in at the kiosk by its code.
    CheckIn {
        code: String,
    },
    /// Empty the intake form (it had something typed in).
    ClearIntake,
    /// Back to the login screen, or out of the workstation, although
    /// something typed would be lost.
    Logout,
    Quit,
    /// Close the dialog under the confirmation, dropping its text.
    Discard,
    /// The signed-in user's own password (the password dialog).
    ChangePassword {
        current: String,
        new: String,
    },
}
