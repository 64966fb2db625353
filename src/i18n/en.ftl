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
role-supervisor = Region supervisor
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
list-awaiting_mark = awaiting the mark
list-to_issue = ready to issue

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
error-deadline = A deadline could not be computed: { $date } is outside the years the calendar covers ({ $first }–{ $last })
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

## cli: trust (issue 17: encrypted backups, tampering, views, hardening)
cli-backup-plain_warning = warning: the backup holds personal data ({ $apps } applications, { $persons } persons in the registry) unencrypted; to encrypt it, give --encrypt-to RECIPIENT (an age public key, age1...)
cli-backup-bad_recipient = “{ $text }” is not an age recipient: a public key beginning with age1 is needed
cli-backup-sealed_written = Encrypted backup written to { $file }; { $n } entries; { $recipients } recipients
cli-restore-needs_identity = { $file } is an encrypted backup: give --identity FILE (the age key of one of its recipients)
cli-restore-bad_identity = { $identity }: not an age key file (a line AGE-SECRET-KEY-1...)
cli-restore-wrong_identity = { $file }: no key in { $identity } opens this backup
cli-restore-damaged = { $file }: the encrypted backup is damaged or truncated
cli-anchor-none = { $file }: the file holds no journal anchor (lines “journal-anchor seq=… hash=…”)
cli-anchor-agree = The journal agrees with every anchor: { $n }
cli-anchor-missing = anchor at entry { $seq }: the journal has no such entry ({ $len } entries) — the journal was cut back or rewritten
cli-anchor-differs = anchor at entry { $seq }: the entry's hash differs — the journal's chain was rewritten
cli-anchor-empty = the journal is empty: nothing to anchor
cli-anchor-syslog_failed = cannot write to the system log: { $error }
cli-audit-none = Nobody has viewed the data of the person with IIN { $iin }
cli-audit-header = Who viewed the data of the person with IIN { $iin }:
cli-audit-application = application { $number }
cli-audit-person = registry record
cli-audit-applications = their applications, found by IIN: { $numbers }
cli-audit-count = Views: { $n }
login-rate_limited = Too many sign-ins from this computer account: wait { $n } s
refusal-over_limit = { $items ->
    [yes] The field “{ $field }” has more than { $max } items: the server does not take it
   *[no] The field “{ $field }” is longer than { $max } characters: the server does not take it
}
limit-connections = Too many connections from this computer account: wait { $n } s
limit-field-login = login
limit-field-password = password
limit-field-iin = IIN
limit-field-number = number
limit-field-service = service
limit-field-name = name
limit-field-phone = phone
limit-field-org = organisation
limit-field-district = district
limit-field-power_of_attorney = power of attorney
limit-field-documents = documents
limit-field-result = result
limit-field-comment = text
limit-field-centre = centre
limit-field-code = code
limit-field-args = command words
limit-field-input = file
limit-field-queries = reports
cli-passwd-wrong_current = The current password is wrong: the password was not changed (attempts left before the account is locked: { $n })
## ux: typed reasons of refusals (ops::Refusal), one per kind
refusal-no_user = no user { $login }
refusal-user_disabled = user { $login } is disabled
refusal-user_exists = user { $login } exists
refusal-bad_login = “{ $login }” is not a usable login (no spaces or slashes)
refusal-no_roles = a user needs at least one role
refusal-lacks_role = { $login } does not have the role “{ $role }”
refusal-password_too_short = a password needs at least { $n } { $n ->
    [one] character
    *[other] characters
    }
refusal-password_unhashable = the password could not be stored; try again
refusal-no_organisation = no organisation { $code }
refusal-organisation_exists = organisation { $code } exists
refusal-organisation_missing = user { $login }'s organisation { $code } is missing from the store
refusal-works_elsewhere = { $login } works at “{ $org }”, not { $asked }
refusal-store_has_users = the store already has users
refusal-unknown_service = no service { $id } in the catalogue
refusal-ambiguous_service = service { $id } has { $n } variants: name the variant in full
refusal-bad_iin = IIN { $input }: { $reason }
refusal-channel_elsewhere = applications by “{ $channel }” are taken in by a { $needs }, and “{ $org }” is a { $kind }
refusal-other_region = “{ $service }” is rendered in another region than “{ $org }”
refusal-no_provider = no provider renders “{ $service }” in “{ $district }” or its region; add one (qyzmet org add)
refusal-several_providers = several providers could render “{ $service }”: { $providers }; list the services each renders (qyzmet org add --service)
refusal-no_application = no application { $number }
refusal-not_your_application = { $number } is not an application of “{ $org }”
refusal-handled_elsewhere = { $number } is at a step for the { $role } ({ $kind }); { $login } works at “{ $org }”
refusal-assign_needs_specialist = assigning needs a specialist
refusal-not_specialist_of = { $login } is not a specialist of “{ $org }”
refusal-decision_missing = a decision needs a choice: the positive result or a refusal
refusal-route_missing = the route of { $number } is not in the catalogue
refusal-steps_from_one = steps are numbered from 1
refusal-nothing_to_return_to = the first step has nothing to return to
refusal-issue_needs_collector = issuing needs the IIN of who collects the result
refusal-registry_header = the file's first line must name the columns: { $columns }
refusal-column_twice = column { $column } appears twice on the first line; the columns: { $columns }
refusal-columns_missing = no { $missing } column; the first line must name the columns: { $columns }; { $shape ->
    [empty] the file is empty
    *[other] the first line is “{ $line }”
    }
refusal-no_queue = { $centre } has no electronic queue; set one up (qyzmet queue setup)
refusal-not_a_centre = “{ $org }” is a { $kind }; queues run at State Corporation centres
refusal-window_has_visitor = window { $window } has a visitor; finish first
refusal-no_category = { $centre } has no category { $category }
refusal-slot_too_short = a slot lasts at least a minute
refusal-slot_passed = the slot { $start } has passed
refusal-no_appointment = no appointment with code { $code }
refusal-appointment_at = appointment { $code } is for { $slot }
refusal-appointment_used = appointment { $code } was checked in already (ticket { $ticket })
refusal-no_ticket = no ticket { $ticket } today
refusal-not_centre_head = the queue figures are for the centre's head; { $login } is not
refusal-not_an_operator = { $login } is not an operator of a State Corporation centre
refusal-no_window = window { $window } is not in the queue settings
refusal-nobody_at_window = nobody is at window { $window }; call the next visitor
refusal-not_taken_in_here = { $number } was not taken in at this centre
refusal-not_the_outcome = { $number } is { $status }, which is not the outcome “{ $outcome }”
refusal-server_runs_no_commands = this server runs no commands
refusal-status_for_administrators = only the server's OS user or root may ask for its status
refusal-unexpected_reply = the server answered another request; try again
refusal-server_store = the server's store failed; tell the administrator
refusal-demo_inconsistent = the demo region could not be created: its data does not fit the catalogue (details in the program's log)
org_kind-provider = provider
org_kind-state_corp = State Corporation centre
org_kind-akim_office = akim's office
org_kind-commission = commission
org_kind-local_executive = district (city) akimat

## ux: typed queue refusals and settings problems
queue-err_needs_reason = Give a reason
queue-err_consultation = A consultation names no application
queue-err_unknown_category = No category { $category }
queue-err_same_category = Ticket { $number } already stands in category { $category }
queue-err_unknown_window = No window { $window }
queue-err_same_window = Ticket { $number } is at window { $window } already
queue-err_serving_needs_call = Serving begins by calling a visitor
queue_config-no_categories = a queue needs at least one category
queue_config-no_windows = a queue needs at least one window
queue_config-bad_letter = category letter “{ $category }” is not a Latin capital A–Z
queue_config-category_twice = category { $category } is given twice
queue_config-category_unnamed = category { $category } needs a Russian and a Kazakh name
queue_config-window_zero = windows are numbered from 1
queue_config-window_twice = window { $window } is given twice
queue_config-window_idle = window { $window } serves no category
queue_config-window_unknown_category = window { $window } serves unknown category { $category }
queue_config-zero_minutes = the no-show and service minutes must be at least 1

## ux: the administrator's commands
cli-no_home = cannot find a home directory for the store; pass --db PATH
cli-password_missing = no password came with the command
cli-password_not_utf8 = the password is not valid UTF-8
cli-password_unreadable = cannot read a password
cli-password_again = again:{" "}
cli-passwords_differ = the passwords differ
cli-password_for = password for { $login }:{" "}
cli-password_new_for = new password for { $login }:{" "}
cli-user_added = user { $login } added
cli-user_disabled = user { $login } disabled
cli-user_disabled_mark = disabled
cli-password_changed = password of { $login } changed
cli-not_utf8 = { $file } is not UTF-8 text; save it as “CSV UTF-8”
cli-docs_shape = --docs is all or missing:a,b
cli-representative_shape = --representative is “Name;POWER-OF-ATTORNEY-NUMBER” or “Name;POWER-OF-ATTORNEY-NUMBER;REPRESENTATIVE-IIN”
cli-sound_journal = sound: { $n } journal { $n ->
    [one] entry
    *[other] entries
    } checked
cli-sound_store = sound: { $n } { $n ->
    [one] application
    *[other] applications
    }, every index and the journal checked
cli-problems_found = { $n } { $n ->
    [one] problem
    *[other] problems
    } found
cli-progress_check = checking
cli-progress_cells = rebuilding the report figures
cli-progress_backup = backup
cli-progress_restore = restore
cli-restore_needs_db = restore needs --db PATH (an empty location)
cli-restored = restored { $n } { $n ->
    [one] application
    *[other] applications
    } into { $path }; check passed
cli-bad_org_code = “{ $code }”: a code is Latin letters, digits and “-”
cli-org_added = organisation { $code } added
cli-queue_set_up = queue of { $centre } set up
cli-window_closed = closed
cli-window = window { $n }
cli-no_window_open = no window open
cli-wait_minutes = ~{ $n } min
cli-ticket_taken = { $number } — { $ru } / { $kk }; ahead: { $ahead }; wait: { $wait }
cli-no_window = no window
cli-waiting_for_window = waiting for this window: { $n }
cli-ticket_line = category { $category }, taken { $taken }, window { $window }, { $operator }
cli-stats_title = { $day }: wait and service in minutes as median/p90/max
cli-stats_head-tickets = tickets
cli-stats_head-served = served
cli-stats_head-no_shows = no-shows
cli-stats_head-transferred = transferred
cli-stats_head-cancelled = cancelled
cli-stats_head-wait = wait
cli-stats_head-service = service
cli-stats_total = total
cli-stats_category = category { $category }
cli-stats_open = still open: { $n }
cli-finish_needs_outcome = finish needs --outcome accepted|refused-intake|issued|consultation
cli-unknown_outcome = unknown outcome “{ $value }”: use accepted, refused-intake, issued or consultation
cli-transfer_needs_to = transfer needs --to B or --to window:3
cli-transfer_needs_reason = transfer needs --reason TEXT
cli-unknown_queue_act = unknown act “{ $value }”: use recall, no-show, serve, finish, transfer, break, back-office, available or leave
cli-direct_only = { $command } works on a store directly, not through a server; stop the server (or pass --db PATH for another store)
cli-status_needs_server = status asks a running server: start qyzmet serve and pass --connect SOCKET (or QYZMET_CONNECT)
cli-status-serving = Qyzmet { $version } serving { $store } for { $s } s
cli-status-disk = store on disk: { $size }
cli-status-unknown = unknown
cli-status-memory = memory (RSS): { $memory }; threads: { $threads }
cli-status-connections = connections: { $n } ({ $signed_in } signed in)
cli-status-last_minute = last minute: { $n } requests, { $rate }/s, p99 { $p99 }
cli-status-notices = notices: { $queued } queued, { $dropped } dropped; { $resynchronising } connections resynchronising, { $resyncs } resyncs sent
cli-status-outboxes = outgoing queues: longest { $frames } frames (limit { $limit } notices), { $bytes } bytes in all
refusal-row_unreadable = the line cannot be read as CSV
refusal-row_no_iin = no IIN
refusal-row_no_name = no full_name
refusal-iin_twice = IIN { $iin } is already on line { $first }
cli-import_refused = { $file }: nothing imported, { $n } { $n ->
    [one] problem
    *[other] problems
    }:
cli-import_line = line { $line }: { $what }
cli-imported = { $n } { $n ->
    [one] person
    *[other] persons
    } imported ({ $total } in the registry)
store_error-locked = The store at { $path } is in use by another Qyzmet process; if a server holds it, connect with --connect SOCKET (or QYZMET_CONNECT); for several users run qyzmet serve
store_error-missing = No store at { $path }; create one with qyzmet init (or qyzmet init --demo)
store_error-exists = A store already exists at { $path }
cli-option_not_here = { $flag } means nothing to qyzmet { $command }; leave it out
connect_error-io = Cannot connect to the Qyzmet server at { $path }: { $why }
connect_error-no_server = no server answers there (is qyzmet serve running?)
connect_error-permission = the socket may not be opened (the server's group is needed)
connect_error-broken = the connection broke
connect_error-refused = The server at { $path } refused this client: { $reason }
connect_error-sources = The server's catalogue or calendar is invalid: { $detail }
refusal-password_one_kind = a password needs two kinds of characters: letters, digits, other signs
refusal-password_is_login = a password may not be the login
## Reports (issue 16): groupings, columns, the forecast's reasons, the report command
report-group-total = Total
report-group-region = Region
report-group-org = Organisation
report-group-service = Service
report-group-step = Step
report-group-person = Person
report-col-received = Received
report-col-completed = Completed
report-col-completed_on_time = Completed on time
report-col-on_time_share = On time
report-col-overdue_now = Overdue now
report-col-refused_at_intake = Refused at intake
report-col-refused_motivated = Motivated refusals
report-col-withdrawn = Withdrawn
report-col-steps_completed = Steps completed
report-col-steps_on_time = Steps on time
report-col-step_on_time_share = Steps on time, share
report-col-norm = Norm
report-col-median = Median
report-col-p90 = 90th percentile
report-col-max = Maximum
report-col-number = Number
report-col-service = Service
report-col-step = Step
report-col-holder = Holder
report-col-started = Step started
report-col-due = Step due
report-col-state = State
report-col-amount = Overdue by / left
report-col-ahead = Ahead of it
report-col-pace = Completed a day
report-col-expected = Expected
report-col-overall_due = Overall due
report-col-misses = Misses
report-col-reason = Why
report-misses-step = the step's due
report-misses-overall = the overall due
report-misses-both = the step's and the overall due
report-ahead = { $n ->
    [0] nothing ahead of it
    [one] 1 ahead of it
   *[other] { $n } ahead of it
}
report-reason-person = { $ahead } at this specialist, who completes { $pace } a day
report-reason-office = { $ahead } at { $role } of { $org }, who complete { $pace } a day
report-reason-stalled = { $ahead } at { $holder }, where nobody completed this step in the last { $days } working days
cli-report-title = { $kind } for { $from } – { $to } ({ $days } working days), as of { $now }
cli-report-kind-compliance = Compliance
cli-report-kind-overdue = Overdue and at risk
cli-report-kind-forecast = Forecast breaches
cli-report-kind-steps = Step times against the norms
cli-report-forbidden = { $login } may not read reports: a provider's head reads their organisation's, a centre's head their centre's, a region supervisor the region's
cli-report-outside = { $org } is outside what this user may read
cli-report-none = Nothing to report.
cli-report-written = Written: { $path }
cli-report-progress = applications read
cli-report-bad_period = give --from and --to (dates such as 2026-03-01) or --period
cli-report-bad_delimiter = the delimiter is one character, such as ';' or ','
report-region-karaganda = Karaganda region
report-region-west_kazakhstan = West Kazakhstan region
report-region-zhambyl = Zhambyl region
refusal-reports_not_for_role = { $login } may not read reports: a head reads their organisation's, a region supervisor the region's
refusal-report_outside_scope = organisation { $code } is outside what this user may read in reports
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

## Why a change does not fit the application (domain::unfit)
unfit-name_empty = The applicant's name is empty
unfit-expired_not_handed_in = Document “{ $doc }” is marked expired but was not handed in
unfit-other_service = The application is for another service ({ $service })
unfit-route_missing = Route { $route } is not in the catalogue
unfit-refuse_only_at_intake = Intake can be refused only before the application moves on
unfit-name_missing_documents = Name the missing documents
unfit-withdrawal_needs_reason = A withdrawal needs the applicant's reason
unfit-registration_number_empty = The registration number is empty
unfit-result_goes_to_counter = The result goes to the issuing counter under an outgoing number
unfit-name_specialist = Name the responsible specialist
unfit-act_empty = The act or conclusion is empty
unfit-refusal_needs_reasons = A refusal must give its reasons
unfit-return_only_in_progress = Only a step in progress can be returned
unfit-not_earlier_step = Step { $step } is not an earlier step
unfit-return_needs_comment = Say what to correct: a return needs a comment
unfit-step_not_taken = Step { $step } is not taken after this decision

## cli: a command through a server, refused there (remote_cli)
cli-remote-drop_sources = through a server, the server decides the store, catalogue and calendar; drop --db, --catalog and --calendar
cli-remote-no_command = no command
cli-remote-not_served = this command does not run through a server
cli-remote-only_server_user = not allowed: only the server's OS user may run this command ({ $user } is not)
cli-remote-mapped_elsewhere = not allowed: your OS user { $user } is mapped to { $mine }, and the command acts as { $wanted }
cli-remote-no_user = no Qyzmet user
cli-remote-nobody = nobody (add --as LOGIN)
cli-password_current_for = current password of { $login }:{" "}

## store: a PostgreSQL database (issue 15, pg)
store_error-pg-bad_url = { $at }: this is not a PostgreSQL address
store_error-pg-unreachable = No PostgreSQL server answers at { $at }: check that it runs and the host and port
store_error-pg-refused = PostgreSQL at { $at } refused the user or the password
store_error-pg-no_database = PostgreSQL at { $at } has no such database: create it (createdb) or check its name
store_error-pg-not_allowed = PostgreSQL at { $at } does not allow the user what the store needs
store_error-pg-newer = The database at { $at } was set up by a newer Qyzmet (layout { $have }, this version knows { $known }); upgrade Qyzmet
store_error-pg-unsafe = PostgreSQL at { $at } runs with { $setting }: a change reported done could be lost; turn it on
store_error-pg-commit_unknown = The connection to { $at } broke while a change was being saved: it may or may not have been made; look again
store_error-pg-failed = PostgreSQL at { $at }: { $why }
cli-migrate_progress = copy
cli-migrate_source_unsound = The store to copy does not check clean; nothing was copied:
cli-migrated = copied { $n } applications and { $entries } journal entries from { $from } to { $to }; check and the journal's chain are clean on both sides and the copy holds the same
## reports (issue 16): the workstation's Reports pane and its period picker
pane-reports = Reports
help_section-reports = Reports
action-next_view = Next report: compliance, overdue, forecast
action-prev_view = Previous report
action-choose_period = Choose the period
period-today = today
period-this-month = this month
period-last-month = last month
period-this-quarter = this quarter
period-last-quarter = last quarter
period-this-year = this year
reports_pane-title = Reports: { $period }
reports_pane-view_compliance = Compliance
reports_pane-view_overdue = Overdue
reports_pane-view_forecast = Breach forecast
reports_pane-too_small = Too little room for the reports: enlarge the terminal window.
reports_pane-loading = Reading the reports…
reports_pane-empty = No applications here in this period.
reports_pane-no_forecast = No breaches are expected.
reports_pane-no_late = Nothing overdue or due today.
reports_pane-nothing_in_period = No applications in this period.
reports_pane-summary = Received { $received } · completed { $completed }, on time { $share } · overdue now { $overdue }
reports_pane-late_by = { $amount } overdue
reports_pane-left = { $amount } left
reports_pane-open_group = Enter for more, Esc to go back
reports_pane-open_person = Enter for this person's late applications
reports_pane-nothing = Nothing to open here.
reports_pane-chart_shares = On time by service
reports_pane-chart_nothing = No figures for the period.
reports_pane-chart_daily = Completed per day: { $total } in all, up to { $peak } a day
reports_pane-chart_steps = Step times against the norm
reports_pane-chart_pick_service = Choose a service to see its step times.
reports_pane-chart_steps_of = Steps: { $service } (the bar's middle is the norm)
reports_pane-unit_minutes = { $n } min
reports_pane-unit_hours = { $n } h
reports_pane-unit_working_days = { $n } working d.
reports_pane-unit_calendar_days = { $n } calendar d.
reports_pane-bad_date = "{ $text }" is not a date: write 01.11.2026
reports_pane-reversed = The period ends before it starts.
reports_pane-period_title = Report period
reports_pane-period_dates = dates of my own…
reports_pane-period_to = To
reports_pane-period_from = From
reports_pane-median = median
reports_pane-p90 = 90%
reports_pane-max = max
reports_pane-step_norm = { $step } · norm { $norm }
## routes (issue 13, ЕНИС): powers of attorney
case-ev_power_checked = power of attorney No. { $number } checked in ЕНИС: representative IIN { $representative }, notary { $notary }, valid { $from } to { $until }
unfit-power_not_in_enis = ЕНИС has no power of attorney No. { $number } given by the applicant: its data cannot be obtained, the application is not taken in
unfit-power_other_representative = Power of attorney No. { $number } names another representative (IIN { $iin }): the application is not taken in
unfit-power_not_yet_valid = Power of attorney No. { $number } is valid only from { $date }: the application is not taken in
unfit-power_expired = Power of attorney No. { $number } expired on { $date }: the application is not taken in
unfit-power_needs_representative_iin = The notarised power of attorney No. { $number } is checked in ЕНИС against the representative's IIN: give it
refusal-row_no_value = empty: { $column }
refusal-row_bad_date = { $column }: “{ $value }” is not a date (YYYY-MM-DD or DD.MM.YYYY)
refusal-row_period = the term of validity ends before it begins
refusal-power_twice = power of attorney No. { $number } is already on line { $first }
refusal-principal_unknown = the principal with IIN { $iin } is not in the person registry: add them to it first
power_column-number = number
power_column-principal_iin = principal's IIN
power_column-representative_iin = representative's IIN
power_column-valid_from = valid from
power_column-valid_until = valid until
power_column-notary = notary
cli-powers_imported = powers of attorney imported: { $n }
intake-notarised = Notarised power
intake-notarised_yes = yes
intake-notarised_no = no
refusal-no_local_executive = the region has no local executive body (akimat) of { $district }, which the service’s route hands the decision to: add it

## routes (issue 13): a step's acts beside its decision
case-act = act
unfit-act_text_missing = The decision comes with “{ $act }”: write its text
unfit-act_not_of_step = This step draws up no document { $act }
decide-act = { $act }:
cli-act_shape = --act is “ID=TEXT”, e.g. inspection_act=Living conditions are satisfactory
## trust (issue 17): the region supervisor, who may open a store
refusal-supervisor_reads_no_cases = { $login } is a region supervisor: reports only, not applications or records of people
store_error-denied = The store at { $path } cannot be opened by this OS user: its files are the server's; run the command through the server (--connect SOCKET)
store_error-stuck = A saved change could not be written to the store's files ({ $detail }). Restart Qyzmet: it applies the saved changes again when it opens the store
## routes (issue 13 item 5): the State Corporation's part on its own clock
case-ev_visit_called = ticket { $ticket } called at { $time }
case-counter = State Corporation's part (its working minutes, the regulation's norm):
case-counter_none = no counter part timed (no call of the visit recorded)
case-counter_phase = { $phase }: { $minutes } min, norm { $norm } min — { $verdict }
case-counter_phase_no_norm = { $phase }: { $minutes } min — the regulation gives no minutes
counter-visit = visit, from the call to the acceptance
counter-transfer = transfer to the provider, to its registration
counter-issue = issue, from the call to the result handed over
counter-within = within the regulation's minutes
counter-over = over the regulation's minutes
counter-under_way = under way
cli-stats_within_norm = visits within the regulation's minutes: { $within } of { $timed } timed
## trust (issue 17): the password dialog
action-change_password = Change your password
password-title = Change my password
password-policy = At least { $n } characters, of two kinds (letters, digits, signs)
password-current = Current password
password-new = New password
password-repeat = New password again
password-need_current = Enter your current password
password-differ = The new passwords differ: type it again
password-same = The new password is the current one
password-wrong_current = The current password is wrong: the password was not changed (attempts left before the account is locked: { $n })
password-changed = Your password has been changed

## routes (issue 13): the result's receipt at the State Corporation's centre (000:125-135)
step-receive = receipt of the result at the centre
action-receive = Mark the result as received
results-receive_title = Receipt of result { $number } at the centre
results-mark = Mark in the centre's journal (entry number)
results-need_mark = Enter the mark made in the centre's journal
results-confirm_receive = Mark result { $number } as received in the centre's journal: { $mark }?
results-received = Receipt of result { $number } marked
case-ev_received = result received at the centre, journal mark: { $mark }
case-ev_received_under = result under outgoing No. { $number } received at the centre, journal mark: { $mark }
counter-receipt = receipt at the centre, from the provider's hand-over to the journal mark
unfit-receipt_needs_mark = Give the mark made in the centre's journal on the result's receipt
unfit-already_received = The centre has already marked this result as received
unfit-not_received_yet = The centre has not marked the result as received yet: mark it in the journal first, then issue it
unfit-receipt_only_at_centre = Only the State Corporation centre the provider handed the result to marks its receipt
stats-within_norm = Visits within the regulation's minutes: { $within } of { $timed } timed
