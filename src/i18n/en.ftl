## app
app-title = Qyzmet
app-enlarge = Enlarge the terminal: at least { $w }×{ $h } is needed, it is { $cw }×{ $ch }
app-key_unbound = Key { $key } does nothing here (? for help)
app-language = Language: English
app-theme = Theme: { $name }
app-embedded = store
app-quit_hint = Ctrl+Q quits
app-confirm_quit_unsaved = Quit Qyzmet? What was typed into the form will be lost
app-confirm_logout_unsaved = Log out? What was typed into the form will be lost

## demo
demo-title = The store is empty
demo-body = The store { $path } has no users and no applications yet. Create the demo region (Karaganda region: a State Corporation centre, three providers, a rural akim's office, staff and applications at every step)?
demo-yes = Enter: create the demo region
demo-no = Esc: quit (create a store with qyzmet init)
demo-creating = Creating the demo region…
demo-created = Demo region created: { $apps } { $apps ->
        [one] application
       *[other] applications
    }. Every user's password: { $password }

## login
login-title = Sign in to the workstation
login-login = Login
login-password = Password
login-submit = Enter: sign in
login-users = Users of the demo region
login-empty = Enter your login and password
login-wrong = Wrong login or password. Attempts left: { $n }
login-locked = The account is locked until { $until } after three failed attempts
login-disabled = The account was disabled by the administrator
login-welcome = Welcome, { $name }
login-confirm_quit = Quit Qyzmet?
login-more = … and { $n } more { $n ->
        [one] user
       *[other] users
    } (the list: qyzmet user list)

## frame
frame-role = Role
frame-org = Organisation
frame-data = Data
frame-roles_hint = { $key }: switch role

## role
role-operator = Counter operator
role-clerk = Clerk
role-head = Head
role-specialist = Specialist

## pane
pane-intake = Intake
pane-walk_in = Walk-in intake
pane-results = Results to issue
pane-inbox = Inbox
pane-outbox = Outbox
pane-resolutions = Resolutions
pane-signing = Signing
pane-worklist = My worklist
pane-case = Application
pane-queue = Queue
pane-queue_stats = Queue figures

## list
list-number = Number
list-service = Service
list-applicant = Applicant
list-iin = IIN
list-step = Step
list-due = Step due
list-overall = Overall due
list-received = Received
list-state = State
list-empty = Nothing here: no applications wait for you
list-no_match = Nothing matches “{ $q }”
list-filter = Search
list-filter_hint = number, IIN, name, service — in Russian, Kazakh or English
list-counters = Total { $total } · on time { $ok } · at risk { $risk } · overdue { $late }
list-shown = { $n } of { $total } shown
list-left = { $t } left
list-late_by = overdue by { $t }

## sla
sla-on_time = on time
sla-at_risk = at risk
sla-overdue = overdue

## time
time-minutes = { $n } min
time-hours = { $h } h { NUMBER($m, minimumIntegerDigits: 2) } min
time-working_days = { $n } working { $n ->
        [one] day
       *[other] days
    }
time-calendar_days = { $n } calendar { $n ->
        [one] day
       *[other] days
    }

## step
step-accept = intake of documents
step-register = registration
step-assign = resolution
step-review = review
step-inspect = inspection
step-execute = decision
step-conclude = conclusion
step-sign = signing
step-forward = forwarding
step-dispatch = dispatch of the result
step-issue = issue of the result

## status
status-in_progress = in progress
status-result_ready = result ready
status-issued = issued
status-refused_at_intake = refused at intake
status-withdrawn = withdrawn

## channel
channel-state_corp = State Corporation centre
channel-provider_office = provider's office
channel-portal = e-government portal
channel-rural_akim = rural akim's office

## ground
ground-false_documents = false documents or data
ground-requirements_not_met = requirements not met
ground-court_decision = court decision
ground-other = another ground provided by law

## intake
intake-title = Application intake
intake-service = Service
intake-service_hint = start typing the name in Russian, Kazakh or English
intake-no_service = No such service. Try another word
intake-channel = Channel
intake-iin = Applicant's IIN
intake-iin_ok = ✓ { $date }, { $sex }
intake-iin_known = ✓ { $date }, { $sex } · found in the registry
intake-male = male
intake-female = female
intake-name = Applicant's full name
intake-rep_name = Representative (name)
intake-rep_iin = Representative's IIN
intake-poa = Power of attorney no.
intake-phone = Phone
intake-district = District
intake-documents = Documents
intake-required = required
intake-need_service = Choose a service
intake-need_iin = Applicant's IIN: { $reason }
intake-need_name = Enter the applicant's full name
intake-need_poa = A representative needs a power-of-attorney number
intake-rep_iin_bad = Representative's IIN: { $reason }
intake-missing_required = Required documents not ticked: { $docs }. Tick them (Space) or refuse intake ({ $key })
intake-nothing_missing = Every required document is there: nothing to refuse intake for
intake-confirm_accept = Accept the application “{ $service }” from { $name } (IIN { $iin })?
intake-confirm_refuse = Issue a receipt of refusal of intake: { $docs } not provided?
intake-accepted = Application { $number } accepted and sent to the provider
intake-refused = Intake refused { $number }: the receipt is ready
intake-receipt = Receipt
intake-receipt_saved = Receipt saved: { $path }
intake-receipt_not_saved = The receipt could not be saved ({ $error }); it is on screen
intake-cleared = Form cleared
intake-already_empty = The form is already empty
intake-confirm_clear = Clear the form? Everything typed for this applicant will be removed
intake-kept = The form is kept. To clear it: { $key }
intake-choice_not_text = This is a choice, not text: Space switches, Tab goes to the next field

## results
results-issue_title = Issue the result { $number }
results-recipient = Recipient's IIN
results-recipient_hint = applicant's IIN { $iin }{ $rep }
results-confirm_issue = Issue the result { $number } to IIN { $iin }?
results-issued = Result { $number } issued

## act
act-confirm = { $what }: { $number } “{ $service }”?
act-done = { $number }: { $what } done
act-registered = { $number }: registered as no. { $out }
act-dispatched = { $number }: sent ({ $to }), outgoing no. { $out }
act-wrong_step = The current step of { $number } is { $step }; it cannot be done here
act-nothing = Choose an application
act-to_state_corp = to the State Corporation centre for issue
act-to_portal = to the applicant's portal cabinet
act-to_in_person = for issue in person
act-to_akim = to the akim's office

## assign
assign-title = Resolution: { $number }
assign-specialist = Specialist
assign-load = { $open } open, { $late } overdue
assign-resolution = Resolution text
assign-none = The organisation has no specialists
assign-confirm = Assign { $number } to { $name }?
assign-done = { $number } assigned to { $name }

## sign
sign-confirm = Sign the result of { $number }?
sign-done = { $number } signed
sign-return_title = Return for rework: { $number }
sign-comment = Comment
sign-need_comment = Write what to fix
sign-confirm_return = Return { $number } to the specialist with the comment?
sign-returned = { $number } returned for rework

## decide
decide-title = Decision on { $number }
decide-outcome = Decision
decide-approve = Render the service
decide-refuse = Motivated refusal
decide-result = Result
decide-ground = Ground for refusal
decide-text = Decision text / reasons
decide-need_text = A motivated refusal needs its reasons
decide-confirm = Send the decision on { $number } to the head for signing?
decide-done = Decision on { $number } sent for signing
decide-report_title = { $what }: { $number }
decide-report_text = Text of the act
decide-need_report = The act cannot be empty

## case
case-applicant = Applicant
case-representative = Representative
case-phone = Phone
case-documents = Documents
case-route = Route
case-history = History
case-decision = Decision
case-numbers = Numbers
case-submitted = Submitted
case-holder = Now with
case-norm = norm
case-no_norm = no norm
case-current = current
case-done_at = done { $at }
case-approved = render the service: { $result }
case-refused = refusal: { $ground }. { $text }
case-ev_submitted = submitted ({ $channel })
case-ev_completed = { $step }
case-ev_returned = returned: { $comment }
case-ev_intake_refused = intake refused: missing { $docs }
case-ev_withdrawn = withdrawn: { $reason }
case-ev_issued = issued to IIN { $iin }

## dialog
dialog-yes = Enter: yes
dialog-no = Esc: no
dialog-close = Esc: close
dialog-save = { $key }: save
dialog-scroll = ↑↓ PgUp PgDn — scroll, lines { $from }–{ $to } of { $total }
dialog-confirm_discard = Close the dialog? The text typed will be lost

## help
help-title = Keys
help-which_key = Next:

## error
error-forbidden = Not allowed
error-conflict = Another user changed this application: the data is refreshed, try again
error-not_found = Not found
error-invalid = Invalid data
error-stale = Application { $number } was just changed by { $by }: showing its new state
error-unavailable = Server unavailable, reconnecting…
error-session_expired = The session has expired: sign in again
error-store = Store error: { $detail }. Nothing was changed
error-closed = The application is closed ({ $status })
error-wrong_actor = This step is done by { $expected }
error-not_assignee = This step is assigned to { $login }
error-not_ready = The result is not ready to issue yet
error-wrong_recipient = The result goes only to the applicant or their representative; IIN { $iin } is neither
error-unknown_result = The service gives no result “{ $result }”
error-deadline = A deadline could not be computed: { $detail }
error-excluded = The service was excluded from the regulations and takes no applications
error-channel = The service is not taken in on the channel “{ $channel }”
error-wrong_step = The current step is { $step }; this action is not possible now
error-unknown_document = Unknown document { $doc }

## iin
iin-length = 12 digits needed, { $n } typed
iin-non_digit = digits only
iin-century = digit 7 must be 1 to 6
iin-date = the first six digits are not a birth date
iin-checksum = the check digit does not match
iin-future_birth = the birth date is in the future

## action
action-quit = Quit
action-help = Key help
action-next_pane = Next tab
action-prev_pane = Previous tab
action-pane1 = Tab 1
action-pane2 = Tab 2
action-pane3 = Tab 3
action-pane4 = Tab 4
action-switch_role = Switch role
action-cycle_language = Switch language
action-cycle_theme = Switch theme
action-refresh = Refresh
action-logout = Sign out
action-up = Up
action-down = Down
action-page_up = Page up
action-page_down = Page down
action-top = To the top
action-bottom = To the bottom
action-open = Open the application
action-filter = Search
action-clear_filter = Clear the search
action-next_field = Next field
action-prev_field = Previous field
action-toggle = Tick / switch
action-submit = Save
action-cancel = Cancel
action-clear_form = Clear the form
action-confirm = Confirm
action-accept = Accept the application
action-refuse_intake = Refuse intake
action-issue = Issue the result
action-register = Register
action-dispatch = Dispatch the result
action-forward = Forward
action-assign = Write a resolution
action-sign = Sign
action-return_draft = Return for rework
action-decide = Decide
action-complete = Complete the step
action-back = Back to the list
action-call_next = Call the next visitor
action-recall = Call again
action-start_serving = Start serving
action-finish_visit = Finish the visit
action-no_show = Did not come
action-transfer = Send elsewhere
action-operator_state = Break / back office / available
action-priority = Barrier-free service
action-check_in = Appointment by code
action-prev_day = The day before
action-next_day = The day after

## ticket_state
ticket_state-waiting = waiting
ticket_state-called = called
ticket_state-serving = being served
ticket_state-done = served
ticket_state-no_show = did not come
ticket_state-transferred = sent elsewhere
ticket_state-cancelled = cancelled

## outcome
outcome-accepted = application accepted
outcome-refused_intake = intake refused
outcome-issued = result issued
outcome-consultation = consultation

## operator_state
operator_state-available = available
operator_state-serving = serving
operator_state-on_break = on a break
operator_state-back_office = back office

## priority
priority-disability = Person with a disability
priority-elderly = Elderly
priority-pregnant = Pregnant
priority-none = No priority

## queue
queue-err_nobody = Nobody waits for window { $window }
queue-err_busy = Ticket { $number } is at the window: finish, send on or record it first
queue-err_config = The queue settings are invalid: { $detail }
queue-err_state = Ticket { $number } is { $state } now: this cannot be done
queue-err_window = Ticket { $number } is at window { $window }, not yours
queue-err_too_early = The visitor may be recorded as not come in { $minutes } min
queue-err_needs_app = The outcome “{ $outcome }” needs the application's number
queue-to_category = To queue { $letter }
queue-to_window = To window { $window }
queue-not_loaded = The queue is not loaded (Ctrl+L reloads)
queue-take_window = Take a window first: select it and press Enter
queue-nobody = Nobody is at the window: call the next visitor
queue-not_serving = Only a visit being served can be finished
queue-closed = closed
queue-confirm_no_show = Record ticket { $number } as not come?
queue-confirm_finish = Finish serving ticket { $number }: { $outcome }?
queue-confirm_transfer = Send ticket { $number }: { $to }?
queue-need_reason = Give the reason for sending the visitor on
queue-sat = You are at window { $window }
queue-left = You left the window
queue-state_set = State: { $state }
queue-called = Ticket { $number } called to window { $window }
queue-recalled = Ticket { $number } called again (call { $n })
queue-serving = Serving ticket { $number }
queue-no_show_done = Ticket { $number }: did not come
queue-finished = Ticket { $number } served: { $outcome }
queue-transferred = Ticket { $number } sent: { $to }
queue-ticket = ticket { $number }
queue-ticket_line = { $state } at { $time } (taken at { $taken })
queue-appointment = by appointment
queue-choose_window = Choose your window
queue-choose_hint = ↑↓ select a window, Enter takes it
queue-free_window = free
queue-window = Window { $n }
queue-current = At the window:
queue-free_since = The window is free since { $time }. F5 calls the next visitor
queue-for_me = Waiting for your window:
queue-last = Last:
queue-queues = Queues
queue-windows = Windows
queue-finish_title = Outcome of ticket { $number }
queue-outcome = Outcome
queue-application = Application number
queue-finish_hint = Space changes the outcome; Tab goes to the number
queue-transfer_title = Send ticket { $number } elsewhere
queue-transfer_to = Where
queue-reason = Reason
queue-confirm_state = Change the window's state to { $state }? Until it is available again, nobody is called to it
queue-break_since = On a break since { $time }. F3 changes the state
queue-back_office_since = Back-office work since { $time }. F3 changes the state
queue-state_calling = { $number } called, the visitor has not come yet
queue-err_window_closed = Nobody sits at window { $window }: the visitor would wait in vain
queue-err_window_taken = Window { $window } is taken: { $by } sits there

## stats
stats-title = Queue on { $day } (← → another day)
stats-summary = Tickets: { $tickets } · served: { $served } · did not come: { $no_shows } · still waiting or at windows: { $open }
stats-units = Times in minutes: median, 90th percentile, maximum
stats-served_chart = Served and no-shows per queue
stats-arrivals_chart = Tickets per hour, 8:00–20:00
stats-col_who = Queue / operator
stats-col_tickets = Tickets
stats-col_served = Served
stats-col_no_shows = No-sh.
stats-col_wait_med = W.med
stats-col_wait_p90 = W.p90
stats-col_wait_max = W.max
stats-col_serv_med = S.med
stats-col_serv_p90 = S.p90
stats-col_serv_max = S.max
stats-total = Total
stats-title_today = Queue on { $day }, today (← — previous day)
stats-arrivals_peak = Tickets per hour, busiest: { $n } at { $hour }:00
stats-no_future = No figures for days to come yet: today is the last day

## kiosk
kiosk-title = Electronic queue
kiosk-saved = Ticket saved: { $path }
kiosk-not_saved = Ticket not saved: { $error }
kiosk-printed = Ticket printed
kiosk-not_printed = The printer is unavailable: { $error }
kiosk-hint_menu = A digit, or ↑↓ and Enter: take a ticket · P priority · C appointment code
kiosk-hint_priority = ↑↓ and Enter choose · Esc back
kiosk-hint_code = Type the appointment code and press Enter · Esc back
kiosk-hint_ticket = Take your ticket · Enter: start again
kiosk-choose = Choose a service
kiosk-priority_on = Priority
kiosk-appointment = I have an appointment (code)
kiosk-priority_title = Barrier-free service
kiosk-code_title = Appointment code
kiosk-your_ticket = Your ticket
kiosk-wait = Wait: ~{ $minutes } min
kiosk-no_window = The windows are closed now
kiosk-ahead = Ahead of you: { $n }
kiosk-saved_in = Ticket saved
kiosk-not_saved_in = Ticket not saved
kiosk-not_printed_on = The printer is unavailable
kiosk-err_unknown_code = There is no appointment with code { $code }. Check the code · Esc — back
kiosk-err_code_not_valid = Code { $code } is not valid today (the appointment is for another day or was checked in). Please ask the staff
kiosk-err_no_queue = The centre's electronic queue is not set up. Please ask the staff
kiosk-err_failed = No ticket could be issued. Please ask the staff

## board
board-latest = Ticket { $number } called → window { $window }
board-title = Electronic queue
board-calls = Ticket → window
board-none = Nobody has been called yet
board-window = window
board-waiting = Waiting

## cli
cli-unknown_lang = unknown language «{ $code }»: ru, kk or en

## norm
norm-minutes = { $n } { $n ->
        [one] minute
       *[other] minutes
    }
norm-hours = { $n } { $n ->
        [one] hour
       *[other] hours
    }
norm-working_days = { $n ->
        [0] the same day
        [one] 1 working day
       *[other] { $n } working days
    }
norm-calendar_days = { $n ->
        [0] the same day
        [one] 1 calendar day
       *[other] { $n } calendar days
    }

## result_kind
result_kind-positive = positive result
result_kind-refusal = motivated refusal

## key
key-space = Space

## help_section
help_section-global = Everywhere
help_section-list = List
help_section-form = Form
help_section-dialog = Dialog
help_section-intake = Intake
help_section-results = Issuing results
help_section-inbox = Inbox
help_section-outbox = Outbox
help_section-resolutions = Resolutions
help_section-signing = For signing
help_section-worklist = My applications
help_section-case = Application
help_section-queue = Queue
help_section-queue_stats = Queue figures
help_section-kiosk = Kiosk
cli-stale = Application { $number } was changed meanwhile by { $by }: look at it again (qyzmet app show { $number })
cli-output_failed = cannot write the output: { $error }
cli-man_no_dir = { $dir }: no such directory
cli-man_written = Manual pages written to { $dir }
cli-iin_valid = IIN { $iin } is valid: born { $born }, sex { $sex }
cli-iin_invalid = IIN is invalid: { $reason }
cli-iin_bad = IIN { $iin }: { $reason }
cli-sex_male = male
cli-sex_female = female
cli-no_person = Not found: no person with IIN { $iin } in the registry
cli-no_application = Not found: no application with number { $number }
cli-bad_moment = "{ $text }" is not a date and time; write it as 2026-03-19T10:00
cli-bad_date = "{ $text }" is not a date; write it as 2026-03-24
cli-norm_shape = A norm is a number and a unit, e.g. "5 working_days"; got "{ $text }".
cli-norm_value = "{ $text }" is not a whole number.
cli-norm_unit = Unknown unit "{ $text }".
cli-norm_ambiguous = "{ $text }" is ambiguous: working days or calendar days?
cli-norm_units = Units: minutes, hours, working_days (working days), calendar_days (calendar days).
cli-outside_years = { $date } is outside the calendar's years
cli-provisional_year = warning: the calendar of { $year } is provisional (Kurban Ait not yet announced); the due time may move
cli-catalog_checked = Entries: { $entries }; problems: { $problems }
cli-catalog_invalid = the service catalogue is invalid:
cli-calendar_invalid = the calendar data is invalid: { $detail }
cli-unknown_document = Unknown document "{ $doc }" for { $service }
cli-list_due = due
cli-applications_count = Applications: { $n }
cli-backup_written = Backup written to { $file }; entries: { $n }
cli-file_exists = { $file } exists: name another file, or add --force to replace it
cli-bad_number = "{ $number }" is not an application number; one looks like KRG-SC-2026-000001 (outgoing: KRG-ED-OUT-2026-000001)
cli-io-not_found = no such file or directory
cli-io-permission_denied = permission denied
cli-io-already_exists = the file already exists
cli-io-is_a_directory = it is a directory, not a file
cli-io-not_a_directory = part of the path is not a directory
cli-io-storage_full = no space left on the disk
cli-card-service_id = Service (id)
cli-card-applicant = Applicant
cli-card-phone = Phone
cli-card-representative = Representative
cli-card-representative_value = { $name }{ $iin }, power of attorney { $poa }
cli-card-channel = Channel
cli-card-submitted = Submitted
cli-card-status = Status
cli-card-step = Current step
cli-card-step_due = Step due
cli-card-overall_due = Overall due
cli-card-numbers = Numbers
cli-card-decision = Decision
cli-card-missing = Missing documents
cli-card-version = Version
cli-card-history = History
cli-card-assigned = specialist { $to }, text: "{ $text }"
cli-person-phone = Phone
cli-person-address = Address
cli-person-district = District
cli-service-no_norm = no norm stated
cli-service-excluded = EXCLUDED
cli-service-provider = Provider
cli-service-channels = Channels
cli-service-total_term = Total term
cli-service-results = Results
cli-service-positive = positive
cli-service-refusal = refusal
cli-service-documents = Documents
cli-service-route = Route
cli-service-operator = State Corporation operator
cli-service-note = Note
cli-store_created = Store created at { $path }
cli-demo_progress = demo applications
cli-demo_created = Demo region: { $orgs } organisations, { $apps } applications, { $persons } people in the registry
cli-demo_users = Users (password for all: { $password }):

## routes (issue 13): conditional steps, channel endings, intake checks
cli-service-when_approved = only after a positive decision
cli-service-when_refused = only after a refusal
cli-service-notice = portal notice
result_kind-notice = notice that the result is ready
error-result_not_on_channel = The result «{ $result }» is not given to applications taken in on the channel «{ $channel }»
case-ev_intake_refused_expired = intake refused: not handed in — { $docs }; expired — { $expired }
cli-expired_not_handed_in = The document «{ $doc }» is marked expired but was not handed in (or is not on the service's checklist)
error-no_person_data = The applicant's data cannot be obtained: IIN { $iin } is not in the person registry (ГБД ФЛ). The application cannot be taken in.
outcome-no_person_data = no data in the person registry
error-provider_in_locality = The rural akim takes this service in only where the applicant's locality has no provider, and «{ $district }» has one: { $provider }. Apply to the provider or at the State Corporation.
