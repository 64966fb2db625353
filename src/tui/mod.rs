//! The workstation, the kiosk and the board: ratatui front ends over the
//! operations API, built as rooms. A room (`room::Room`) is one thing on the
//! screen that owns its state, the keys it takes, the actions it handles,
//! its drawing and its footer hints; it asks the shell for effects
//! (`effect::Effect`) and never writes to the store itself.
//!
//! The map:
//!
//! | where | what |
//! |---|---|
//! | `app` | the shell: a key to the innermost room, the keymap, the global actions (`global`), effects carried out |
//! | `room`, `effect` | the `Room` trait with what a room may use (`Cx`) and read while drawing (`Paint`); the effects and `Command`s it asks for |
//! | `command`, `queue_command` | the one write path: commands to the backend and what their outcome shows |
//! | `sync`, `report_sync` | following the store: refresh, changes since the revision seen, deadlines, the queue's revision; the Reports pane's figures |
//! | `state` | the state above the rooms: language, clock, screen, dialogs, toasts, which-key, help |
//! | `screens/` | `demo_offer`, `login`, `work` (the role's panes as tabs, the case, switching roles) |
//! | `panes/` | `list` (+ `list_view`) for the application lists, `case` (+ `case_view`), `step` (acting on the application in hand), `intake/` (form, keys, view), `queue_desk/`, `stats/`, `reports/` (the heads' and supervisors' reports: `view`, `charts`) |
//! | `dialogs/` | one file per dialog: `confirm`, `receipt`, `assign`, `decide`, `text` (report, return, issue), `finish`, `transfer`, `period` (the reports' period picker) |
//! | `chrome/` | the frame around the rooms: `header`, `footer`, `toasts`, `which_key`, `help`, and the `widgets` rooms draw with |
//! | `ui` | draws a frame: the header, the screen's room, the dialogs, toasts, the footer |
//! | `hall/` | the kiosk (`kiosk`, `kiosk_view`) and the board (`board`): rooms with a small shell each |
//! | `action`, `keymap/`, `field`, `search` | input: every action and keymap section, the keymap engine, a text field, fuzzy search |
//! | `theme/`, `i18n` | looks: themes and colours; the texts (the crate's `i18n`) |
//! | `run` | the terminal and the event loop |

pub mod action;
pub mod app;
pub mod chrome;
pub mod command;
pub mod dialogs;
pub mod effect;
pub mod field;
pub mod global;
pub mod hall;
pub mod i18n;
pub mod keymap;
pub mod panes;
pub mod queue_command;
pub mod report_sync;
pub mod room;
pub mod run;
pub mod screens;
pub mod search;
pub mod state;
pub mod sync;
pub mod theme;
pub mod ui;
