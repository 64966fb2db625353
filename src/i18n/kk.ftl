## app
app-title = Qyzmet
app-enlarge = Терминал терезесін үлкейтіңіз: кемінде { $w }×{ $h } керек, қазір { $cw }×{ $ch }
app-key_unbound = { $key } пернесі мұнда ештеңе істемейді (? — анықтама)
app-language = Тіл: қазақша
app-theme = Тақырып: { $name }
app-embedded = қойма
app-quit_hint = Ctrl+Q — шығу
app-confirm_quit_unsaved = Qyzmet-тен шығу керек пе? Формаға енгізілгені жоғалады
app-confirm_logout_unsaved = Есептік жазбадан шығу керек пе? Формаға енгізілгені жоғалады

## demo
demo-title = Қойма бос
demo-body = { $path } қоймасында әзірге пайдаланушылар да, өтініштер де жоқ. Демонстрациялық өңірді құру керек пе (Қарағанды облысы: ХҚКО, үш көрсетілетін қызметті беруші, ауыл әкімінің аппараты, қызметкерлер және барлық кезеңдегі өтініштер)?
demo-yes = Enter — демо-өңірді құру
demo-no = Esc — шығу (қойманы құру: qyzmet init)
demo-creating = Демо-өңір құрылуда…
demo-created = Демо-өңір құрылды: { $apps } өтініш. Барлық пайдаланушының құпиясөзі: { $password }

## login
login-title = Жұмыс орнына кіру
login-login = Логин
login-password = Құпиясөз
login-submit = Enter — кіру
login-users = Демо-өңір пайдаланушылары
login-empty = Логин мен құпиясөзді енгізіңіз
login-wrong = Логин немесе құпиясөз қате. Қалған әрекет саны: { $n }
login-locked = Үш сәтсіз әрекеттен кейін есептік жазба { $until } дейін бұғатталды
login-disabled = Есептік жазбаны әкімші өшірген
login-welcome = Қош келдіңіз, { $name }
login-confirm_quit = Qyzmet-тен шығу керек пе?
login-more = … тағы { $n } пайдаланушы (тізім: qyzmet user list)

## frame
frame-role = Рөл
frame-org = Ұйым
frame-data = Деректер
frame-roles_hint = { $key } — рөлді ауыстыру

## role
role-operator = ХҚКО операторы
role-clerk = Кеңсе
role-head = Басшы
role-supervisor = Өңір кураторы
role-specialist = Орындаушы

## pane
pane-intake = Қабылдау
pane-walk_in = Өтініш қабылдау
pane-results = Нәтиже беру
pane-inbox = Кіріс
pane-outbox = Шығыс
pane-resolutions = Бұрыштамалар
pane-signing = Қол қоюға
pane-worklist = Менің өтініштерім
pane-case = Өтініш
pane-queue = Кезек
pane-queue_stats = Кезек: көрсеткіштер

## list
list-number = Нөмір
list-service = Қызмет
list-applicant = Өтініш беруші
list-iin = ЖСН
list-step = Кезең
list-due = Кезең мерзімі
list-overall = Жалпы мерзім
list-received = Түсті
list-state = Күйі
list-empty = Мұнда бос: сізді күтіп тұрған өтініш жоқ
list-no_match = «{ $q }» бойынша ештеңе табылмады
list-filter = Іздеу
list-filter_hint = нөмір, ЖСН, аты-жөні, қызмет — қазақша, орысша немесе ағылшынша
list-counters = Барлығы { $total } · мерзімінде { $ok } · қауіпті { $risk } · мерзімі өткен { $late }
list-shown = { $total } ішінен { $n } көрсетілді
list-left = { $t } қалды
list-late_by = { $t } кешікті
list-awaiting_mark = белгі күтілуде
list-to_issue = беруге дайын

## sla
sla-on_time = мерзімінде
sla-at_risk = қауіпті
sla-overdue = мерзімі өткен

## time
time-minutes = { $n } мин
time-hours = { $h } сағ { NUMBER($m, minimumIntegerDigits: 2) } мин
time-working_days = { $n } жұм. күн
time-calendar_days = { $n } күнт. күн

## step
step-accept = құжаттарды қабылдау
step-register = тіркеу
step-assign = бұрыштама
step-review = қарау
step-inspect = тексеру
step-execute = шешім
step-conclude = қорытынды
step-sign = қол қою
step-forward = жолдау
step-dispatch = нәтижені жіберу
step-issue = нәтижені беру

## status
status-in_progress = жұмыста
status-result_ready = нәтиже дайын
status-issued = берілді
status-refused_at_intake = қабылдаудан бас тартылды
status-withdrawn = кері қайтарылды

## channel
channel-state_corp = ХҚКО (Мемлекеттік корпорация)
channel-provider_office = көрсетілетін қызметті берушінің кеңсесі
channel-portal = электрондық үкімет порталы
channel-rural_akim = ауыл әкімінің аппараты

## ground
ground-false_documents = құжаттардың немесе деректердің анық еместігі
ground-requirements_not_met = талаптарға сәйкес келмеу
ground-court_decision = сот шешімі
ground-other = заңда көзделген өзге негіз

## intake
intake-title = Өтінішті қабылдау
intake-service = Қызмет
intake-service_hint = атауын қазақша, орысша немесе ағылшынша тере бастаңыз
intake-no_service = Мұндай қызмет жоқ. Басқа сөзбен көріңіз
intake-channel = Арна
intake-iin = Өтініш берушінің ЖСН
intake-iin_ok = ✓ { $date }, { $sex }
intake-iin_known = ✓ { $date }, { $sex } · тізілімде табылды
intake-male = ер
intake-female = әйел
intake-name = Аты-жөні
intake-rep_name = Өкіл (аты-жөні)
intake-rep_iin = Өкілдің ЖСН
intake-poa = Сенімхат №
intake-phone = Телефон
intake-district = Аудан
intake-documents = Құжаттар
intake-required = міндетті
intake-need_service = Қызметті таңдаңыз
intake-need_iin = Өтініш берушінің ЖСН: { $reason }
intake-need_name = Өтініш берушінің аты-жөнін енгізіңіз
intake-need_poa = Өкіл үшін сенімхат нөмірі керек
intake-rep_iin_bad = Өкілдің ЖСН: { $reason }
intake-missing_required = Міндетті құжаттар белгіленбеген: { $docs }. Белгілеңіз (Бос орын) немесе қабылдаудан бас тартыңыз ({ $key })
intake-nothing_missing = Барлық міндетті құжат бар: қабылдаудан бас тартуға негіз жоқ
intake-confirm_accept = { $name } (ЖСН { $iin }) атынан «{ $service }» өтінішін қабылдау керек пе?
intake-confirm_refuse = Қабылдаудан бас тарту туралы қолхат беру керек пе: { $docs } ұсынылмаған?
intake-accepted = { $number } өтініші қабылданып, қызмет берушіге жіберілді
intake-refused = { $number } қабылдаудан бас тартылды: қолхат дайын
intake-receipt = Қолхат
intake-receipt_saved = Қолхат сақталды: { $path }
intake-receipt_not_saved = Қолхатты сақтау мүмкін болмады ({ $error }); ол экранда
intake-cleared = Форма тазартылды
intake-already_empty = Форма бос
intake-confirm_clear = Форманы тазарту керек пе? Осы өтініш беруші үшін енгізілгеннің бәрі өшіріледі
intake-kept = Форма сақталды. Тазарту — { $key }
intake-choice_not_text = Мұнда мәтін емес, таңдау: Бос орын — ауыстыру, Tab — келесі өріске

## results
results-issue_title = { $number } нәтижесін беру
results-recipient = Алушының ЖСН
results-recipient_hint = өтініш берушінің ЖСН { $iin }{ $rep }
results-confirm_issue = { $number } нәтижесін ЖСН { $iin } алушыға беру керек пе?
results-issued = { $number } нәтижесі берілді

## act
act-confirm = { $what }: { $number } «{ $service }»?
act-done = { $number }: { $what } — орындалды
act-registered = { $number }: № { $out } болып тіркелді
act-dispatched = { $number }: жіберілді ({ $to }), шығыс № { $out }
act-wrong_step = { $number } өтінішінің ағымдағы кезеңі — { $step }; мұнда оны орындауға болмайды
act-nothing = Өтінішті таңдаңыз
act-to_state_corp = беру үшін ХҚКО-ға
act-to_portal = порталдағы жеке кабинетке
act-to_in_person = жеке беру үшін
act-to_akim = әкім аппаратына

## assign
assign-title = Бұрыштама: { $number }
assign-specialist = Орындаушы
assign-load = жұмыста { $open }, мерзімі өткен { $late }
assign-resolution = Бұрыштама мәтіні
assign-none = Ұйымда орындаушылар жоқ
assign-confirm = { $number } өтінішін { $name } орындаушыға тапсыру керек пе?
assign-done = { $number } тапсырылды: { $name }

## sign
sign-confirm = { $number } бойынша нәтижеге қол қою керек пе?
sign-done = { $number } қол қойылды
sign-return_title = Пысықтауға қайтару: { $number }
sign-comment = Түсініктеме
sign-need_comment = Нені түзету керегін жазыңыз
sign-confirm_return = { $number } өтінішін түсініктемемен орындаушыға қайтару керек пе?
sign-returned = { $number } пысықтауға қайтарылды

## decide
decide-title = { $number } бойынша шешім
decide-outcome = Шешім
decide-approve = Қызметті көрсету
decide-refuse = Дәлелді бас тарту
decide-result = Нәтиже
decide-ground = Бас тарту негізі
decide-text = Шешім мәтіні / дәлелдеме
decide-need_text = Дәлелді бас тартуға мәтін керек
decide-confirm = { $number } бойынша шешімді басшыға қол қоюға жіберу керек пе?
decide-done = { $number } бойынша шешім қол қоюға жіберілді
decide-report_title = { $what }: { $number }
decide-report_text = Акт мәтіні
decide-need_report = Акт бос болмауы керек

## case
case-applicant = Өтініш беруші
case-representative = Өкіл
case-phone = Телефон
case-documents = Құжаттар
case-route = Бағыт
case-history = Тарих
case-decision = Шешім
case-numbers = Нөмірлер
case-submitted = Берілді
case-holder = Қазір
case-norm = норма
case-no_norm = нормасыз
case-current = ағымдағы
case-done_at = орындалды { $at }
case-approved = қызметті көрсету: { $result }
case-refused = бас тарту: { $ground }. { $text }
case-ev_submitted = берілді ({ $channel })
case-ev_completed = { $step }
case-ev_returned = қайтарылды: { $comment }
case-ev_intake_refused = қабылдаудан бас тартылды: { $docs } жоқ
case-ev_withdrawn = кері қайтарылды: { $reason }
case-ev_issued = ЖСН { $iin } алушыға берілді

## dialog
dialog-yes = Enter — иә
dialog-no = Esc — жоқ
dialog-close = Esc — жабу
dialog-save = { $key } — сақтау
dialog-scroll = ↑↓ PgUp PgDn — айналдыру, { $total } жолдың { $from }–{ $to }
dialog-confirm_discard = Терезені жабу керек пе? Енгізілген мәтін жоғалады

## help
help-title = Пернелер
help-which_key = Әрі қарай:

## error
error-forbidden = Құқық жоқ
error-conflict = Өтінішті басқа пайдаланушы өзгертті: деректер жаңартылды, әрекетті қайталаңыз
error-not_found = Табылмады
error-invalid = Деректер қате
error-stale = { $number } өтінішін { $by } өзгертіп қойды: жаңа күйі көрсетілді
error-unavailable = Сервер қолжетімсіз, қайта қосылуда…
error-session_expired = Сеанс мерзімі бітті: қайта кіріңіз
error-store = Қойма қатесі: { $detail }. Деректер өзгертілмеді
error-closed = Өтініш жабылған ({ $status })
error-wrong_actor = Бұл кезеңді { $expected } орындайды
error-not_assignee = Кезең { $login } орындаушыға тапсырылған
error-not_ready = Нәтиже әлі беруге дайын емес
error-wrong_recipient = Нәтиже тек өтініш берушіге немесе оның өкіліне беріледі; ЖСН { $iin } олардікі емес
error-unknown_result = Қызмет «{ $result }» нәтижесін бермейді
error-deadline = Мерзімді есептеу мүмкін болмады: { $date } күнтізбе қамтитын жылдардан тыс ({ $first }–{ $last })
error-excluded = Қызмет регламенттен алынып тасталған, өтініш қабылданбайды
error-channel = Қызмет «{ $channel }» арнасы бойынша қабылданбайды
error-wrong_step = Өтініштің ағымдағы кезеңі — { $step }; бұл әрекетті қазір орындауға болмайды
error-unknown_document = Белгісіз құжат { $doc }

## iin
iin-length = 12 цифр керек, { $n } енгізілді
iin-non_digit = тек цифрлар
iin-century = 7-цифр 1-ден 6-ға дейін болуы керек
iin-date = алғашқы алты цифр туған күн емес
iin-checksum = бақылау цифры сәйкес емес
iin-future_birth = туған күні әлі келген жоқ

## action
action-quit = Шығу
action-help = Пернелер анықтамасы
action-next_pane = Келесі қойынды
action-prev_pane = Алдыңғы қойынды
action-pane1 = 1-қойынды
action-pane2 = 2-қойынды
action-pane3 = 3-қойынды
action-pane4 = 4-қойынды
action-switch_role = Рөлді ауыстыру
action-cycle_language = Тілді ауыстыру
action-cycle_theme = Тақырыпты ауыстыру
action-refresh = Жаңарту
action-logout = Есептік жазбадан шығу
action-up = Жоғары
action-down = Төмен
action-page_up = Бет жоғары
action-page_down = Бет төмен
action-top = Басына
action-bottom = Соңына
action-open = Өтінішті ашу
action-filter = Іздеу
action-clear_filter = Іздеуді тазарту
action-next_field = Келесі өріс
action-prev_field = Алдыңғы өріс
action-toggle = Белгілеу / ауыстыру
action-submit = Сақтау
action-cancel = Болдырмау
action-clear_form = Форманы тазарту
action-confirm = Растау
action-accept = Өтінішті қабылдау
action-refuse_intake = Қабылдаудан бас тарту
action-issue = Нәтижені беру
action-register = Тіркеу
action-dispatch = Нәтижені жіберу
action-forward = Әрі қарай жолдау
action-assign = Бұрыштама қою
action-sign = Қол қою
action-return_draft = Пысықтауға қайтару
action-decide = Шешім қабылдау
action-complete = Кезеңді орындау
action-back = Тізімге оралу
action-call_next = Келесіні шақыру
action-recall = Қайта шақыру
action-start_serving = Қызмет көрсетуді бастау
action-finish_visit = Қызмет көрсетуді аяқтау
action-no_show = Келмеді
action-transfer = Қайта бағыттау
action-operator_state = Үзіліс / бэк-офис / орнында
action-priority = Басым қызмет көрсету
action-check_in = Жазылу коды бойынша
action-prev_day = Алдыңғы күн
action-next_day = Келесі күн

## ticket_state
ticket_state-waiting = күтуде
ticket_state-called = шақырылды
ticket_state-serving = қызмет көрсетілуде
ticket_state-done = қызмет көрсетілді
ticket_state-no_show = келмеді
ticket_state-transferred = қайта бағытталды
ticket_state-cancelled = күші жойылды

## outcome
outcome-accepted = өтініш қабылданды
outcome-refused_intake = қабылдаудан бас тарту
outcome-issued = нәтиже берілді
outcome-consultation = кеңес

## operator_state
operator_state-available = орнында
operator_state-serving = қызмет көрсетуде
operator_state-on_break = үзіліс
operator_state-back_office = бэк-офис

## priority
priority-disability = Мүгедектігі бар адам
priority-elderly = Егде жас
priority-pregnant = Жүктілік
priority-none = Басымдықсыз

## queue
queue-err_nobody = { $window }-терезені ешкім күтпейді
queue-err_busy = { $number } талоны терезеде: алдымен аяқтаңыз, қайта бағыттаңыз не келмегенін белгілеңіз
queue-err_config = Кезек баптаулары қате: { $detail }
queue-err_state = { $number } талоны қазір «{ $state }»: бұл әрекет мүмкін емес
queue-err_window = { $number } талоны { $window }-терезеде, сіздікінде емес
queue-err_too_early = Келмегенін { $minutes } минуттан кейін белгілеуге болады
queue-err_needs_app = «{ $outcome }» нәтижесі үшін өтініш нөмірі қажет
queue-to_category = { $letter } кезегіне
queue-to_window = { $window }-терезеге
queue-not_loaded = Кезек жүктелмеді (Ctrl+L — жаңарту)
queue-take_window = Алдымен терезені алыңыз: таңдап, Enter басыңыз
queue-nobody = Терезеде ешкім жоқ: келесіні шақырыңыз
queue-not_serving = Тек басталған қызмет көрсетуді аяқтауға болады
queue-closed = жабық
queue-confirm_no_show = { $number } талоны бойынша келмегенін белгілеу керек пе?
queue-confirm_finish = { $number } талонына қызмет көрсетуді аяқтау: { $outcome }?
queue-confirm_transfer = { $number } талонын қайта бағыттау: { $to }?
queue-need_reason = Қайта бағыттау себебін көрсетіңіз
queue-sat = Сіз { $window }-терезедесіз
queue-left = Сіз терезеден кеттіңіз
queue-state_set = Күйі: { $state }
queue-called = { $number } талоны { $window }-терезеге шақырылды
queue-recalled = { $number } талоны қайта шақырылды ({ $n }-рет)
queue-serving = { $number } талонына қызмет көрсету
queue-no_show_done = { $number } талоны: келмеді
queue-finished = { $number } талонына қызмет көрсетілді: { $outcome }
queue-transferred = { $number } талоны қайта бағытталды: { $to }
queue-ticket = { $number } талоны
queue-ticket_line = { $time } { $state } ({ $taken } алынған)
queue-appointment = жазылу бойынша
queue-choose_window = Терезені таңдаңыз
queue-choose_hint = ↑↓ терезені таңдау, Enter — алу
queue-free_window = бос
queue-window = { $n }-терезе
queue-current = Терезеде:
queue-free_since = Терезе { $time } бастап бос. F5 — келесіні шақыру
queue-for_me = Сіздің терезені күтуде:
queue-last = Соңғысы:
queue-queues = Кезектер
queue-windows = Терезелер
queue-finish_title = { $number } талонына қызмет көрсету нәтижесі
queue-outcome = Нәтиже
queue-application = Өтініш нөмірі
queue-finish_hint = Бос орын — нәтижені ауыстыру; Tab — нөмірге
queue-transfer_title = { $number } талонын қайта бағыттау
queue-transfer_to = Қайда
queue-reason = Себебі
queue-confirm_state = Терезе күйін ауыстыру керек пе: { $state }? «Орнында» болмайынша терезеге ешкім шақырылмайды
queue-break_since = { $time } бастап үзіліс. F3 — күйді ауыстыру
queue-back_office_since = { $time } бастап бэк-офис. F3 — күйді ауыстыру
queue-state_calling = { $number } шақырылды, келуші әлі келген жоқ
queue-err_window_closed = { $window } терезеде ешкім жоқ: келуші бекер күтер еді
queue-err_window_taken = { $window }-терезе бос емес: онда { $by }

## stats
stats-title = { $day } кезегі (← → — басқа күн)
stats-summary = Талондар: { $tickets } · қызмет көрсетілді: { $served } · келмеді: { $no_shows } · әлі кезекте не терезеде: { $open }
stats-units = Уақыт минутпен: медиана, 90-процентиль, ең көбі
stats-served_chart = Кезектер бойынша қызмет және келмегендер
stats-arrivals_chart = Сағат бойынша талондар, 8:00–20:00
stats-col_who = Кезек / оператор
stats-col_tickets = Талон
stats-col_served = Қызм.
stats-col_no_shows = Келм.
stats-col_wait_med = Күт.мед
stats-col_wait_p90 = Күт.p90
stats-col_wait_max = Күт.max
stats-col_serv_med = Қз.мед
stats-col_serv_p90 = Қз.p90
stats-col_serv_max = Қз.max
stats-total = Барлығы
stats-title_today = { $day } кезегі, бүгін (← — алдыңғы күн)
stats-arrivals_peak = Сағат бойынша талондар, ең көбі: { $hour }:00-де { $n }
stats-no_future = Болашақ күндердің көрсеткіштері әлі жоқ: бүгін — соңғы күн

## kiosk
kiosk-title = Электрондық кезек
kiosk-saved = Талон сақталды: { $path }
kiosk-not_saved = Талон сақталмады: { $error }
kiosk-printed = Талон басып шығарылды
kiosk-not_printed = Принтер қолжетімсіз: { $error }
kiosk-hint_menu = Цифр не ↑↓ және Enter — талон алу · P — басымдық · C — жазылу коды
kiosk-hint_priority = ↑↓ және Enter — таңдау · Esc — артқа
kiosk-hint_code = Жазылу кодын енгізіп, Enter басыңыз · Esc — артқа
kiosk-hint_ticket = Талонды алыңыз · Enter — басына
kiosk-choose = Қызметті таңдаңыз
kiosk-priority_on = Басымдық
kiosk-appointment = Менде жазылу бар (код)
kiosk-priority_title = Басым қызмет көрсету
kiosk-code_title = Жазылу коды
kiosk-your_ticket = Сіздің талоныңыз
kiosk-wait = Күту: ~{ $minutes } мин
kiosk-no_window = Терезелер қазір жабық
kiosk-ahead = Сізден бұрын: { $n }
kiosk-saved_in = Талон сақталды
kiosk-not_saved_in = Талон сақталмады
kiosk-not_printed_on = Принтер қолжетімсіз
kiosk-err_unknown_code = { $code } кодымен жазылу жоқ. Кодты тексеріңіз · Esc — артқа
kiosk-err_code_not_valid = { $code } коды бүгін жарамсыз (жазылу басқа күнге немесе белгіленген). Әкімшіге жүгініңіз
kiosk-err_no_queue = Орталықтың электрондық кезегі бапталмаған. Әкімшіге жүгініңіз
kiosk-err_failed = Талон берілмеді. Әкімшіге жүгініңіз

## board
board-latest = { $number } талоны шақырылды → { $window }-терезе
board-title = Электрондық кезек
board-calls = Талон → терезе
board-none = Әзірге ешкім шақырылмады
board-window = терезе
board-waiting = Күтуде

## cli
cli-unknown_lang = белгісіз тіл «{ $code }»: ru, kk немесе en

## norm
norm-minutes = { $n } минут
norm-hours = { $n } сағат
norm-working_days = { $n ->
        [0] түскен күні
       *[other] { $n } жұмыс күні
    }
norm-calendar_days = { $n ->
        [0] түскен күні
       *[other] { $n } күнтізбелік күн
    }

## result_kind
result_kind-positive = оң нәтиже
result_kind-refusal = дәлелді бас тарту

## key
key-space = Бос орын

## help_section
help_section-global = Барлық жерде
help_section-list = Тізім
help_section-form = Нысан
help_section-dialog = Диалог
help_section-intake = Қабылдау
help_section-results = Нәтижелерді беру
help_section-inbox = Кіріс
help_section-outbox = Шығыс
help_section-resolutions = Бұрыштамалар
help_section-signing = Қол қоюға
help_section-worklist = Менің өтініштерім
help_section-case = Өтініш
help_section-queue = Кезек
help_section-queue_stats = Кезек: көрсеткіштер
help_section-kiosk = Киоск
cli-stale = { $number } өтінішін { $by } пайдаланушысы өзгертіп қойды: оны қарап шығыңыз (qyzmet app show { $number }) да, қайталаңыз
cli-output_failed = нәтижені шығару мүмкін болмады: { $error }
cli-man_no_dir = { $dir }: мұндай каталог жоқ
cli-man_written = Нұсқаулық беттері { $dir } ішіне жазылды
cli-iin_valid = ЖСН { $iin } дұрыс: туған күні { $born }, жынысы { $sex }
cli-iin_invalid = ЖСН дұрыс емес: { $reason }
cli-iin_bad = ЖСН { $iin }: { $reason }
cli-sex_male = ер
cli-sex_female = әйел
cli-no_person = Табылмады: тізілімде ЖСН { $iin } адам жоқ
cli-no_application = Табылмады: { $number } нөмірлі өтініш жоқ
cli-bad_moment = «{ $text }» — күн мен уақыт емес; былай жазыңыз: 2026-03-19T10:00
cli-bad_date = «{ $text }» — күн емес; былай жазыңыз: 2026-03-24
cli-norm_shape = Норма — сан мен бірлік, мысалы «5 working_days»; енгізілгені «{ $text }».
cli-norm_value = «{ $text }» — бүтін сан емес.
cli-norm_unit = Белгісіз бірлік «{ $text }».
cli-norm_ambiguous = «{ $text }» екіұшты: жұмыс күндері ме, күнтізбелік күндер ме?
cli-norm_units = Бірліктер: minutes (минут), hours (сағат), working_days (жұмыс күні), calendar_days (күнтізбелік күн).
cli-outside_years = { $date } күнтізбе білетін жылдардан тыс
cli-provisional_year = ескерту: { $year } жылдың күнтізбесі алдын ала (Құрбан айт күні әлі жарияланған жоқ), мерзім жылжуы мүмкін
cli-catalog_checked = Жазбалар: { $entries }; мәселелер: { $problems }
cli-catalog_invalid = қызметтер каталогы дұрыс емес:
cli-calendar_invalid = күнтізбе деректері дұрыс емес: { $detail }
cli-unknown_document = { $service } қызметі үшін белгісіз құжат «{ $doc }»
cli-list_due = мерзімі
cli-applications_count = Өтініштер: { $n }
cli-backup_written = Сақтық көшірме { $file } ішіне жазылды; жазбалар: { $n }
cli-file_exists = { $file } бұрыннан бар: басқа файл көрсетіңіз немесе ауыстыру үшін --force қосыңыз
cli-bad_number = «{ $number }» — өтініш нөмірі емес; нөмір былай болады: KRG-SC-2026-000001 (шығыс: KRG-ED-OUT-2026-000001)
cli-io-not_found = мұндай файл немесе каталог жоқ
cli-io-permission_denied = рұқсат жоқ
cli-io-already_exists = файл бұрыннан бар
cli-io-is_a_directory = бұл файл емес, каталог
cli-io-not_a_directory = жолдың бір бөлігі каталог емес
cli-io-storage_full = дискіде орын жоқ
cli-card-service_id = Қызмет (коды)
cli-card-applicant = Өтініш беруші
cli-card-phone = Телефон
cli-card-representative = Өкіл
cli-card-representative_value = { $name }{ $iin }, сенімхат { $poa }
cli-card-channel = Арна
cli-card-submitted = Берілді
cli-card-status = Мәртебесі
cli-card-step = Ағымдағы кезең
cli-card-step_due = Кезең мерзімі
cli-card-overall_due = Жалпы мерзім
cli-card-numbers = Нөмірлер
cli-card-decision = Шешім
cli-card-missing = Құжаттар жоқ
cli-card-version = Нұсқа
cli-card-history = Тарих
cli-card-assigned = орындаушы { $to }, мәтін: «{ $text }»
cli-person-phone = Телефон
cli-person-address = Мекенжай
cli-person-district = Аудан
cli-service-no_norm = нормасыз
cli-service-excluded = АЛЫП ТАСТАЛДЫ
cli-service-provider = Көрсетілетін қызметті беруші
cli-service-channels = Арналар
cli-service-total_term = Жалпы мерзім
cli-service-results = Нәтижелер
cli-service-positive = оң
cli-service-refusal = бас тарту
cli-service-documents = Құжаттар
cli-service-route = Бағыт
cli-service-operator = Мемлекеттік корпорация операторы
cli-service-note = Ескерту
cli-store_created = Қойма құрылды: { $path }
cli-demo_progress = демо-өңірдің өтініштері
cli-demo_created = Демо-өңір: ұйымдар — { $orgs }, өтініштер — { $apps }, тізілімдегі адамдар — { $persons }
cli-demo_users = Пайдаланушылар (барлығының құпиясөзі: { $password }):

## cli: trust (issue 17: encrypted backups, tampering, views, hardening)
cli-backup-plain_warning = назар аударыңыз: сақтық көшірмеде дербес деректер (өтініштер: { $apps }, тізілімдегі адамдар: { $persons }) ашық түрде; оны шифрлау үшін --encrypt-to АЛУШЫ (age ашық кілті, age1...) көрсетіңіз
cli-backup-bad_recipient = «{ $text }» — age алушысы емес: age1 деп басталатын ашық кілт керек
cli-backup-sealed_written = Шифрланған сақтық көшірме { $file } файлына жазылды; жазбалар: { $n }; алушылар: { $recipients }
cli-restore-needs_identity = { $file } — шифрланған сақтық көшірме: --identity ФАЙЛ көрсетіңіз (оның алушыларының бірінің age кілті)
cli-restore-bad_identity = { $identity }: бұл age кілттер файлы емес (AGE-SECRET-KEY-1... жолы)
cli-restore-wrong_identity = { $file }: { $identity } ішіндегі бірде-бір кілт бұл сақтық көшірмені ашпайды
cli-restore-damaged = { $file }: шифрланған сақтық көшірме бүлінген немесе қысқартылған
cli-anchor-none = { $file }: файлда журналдың бірде-бір байламы жоқ («journal-anchor seq=… hash=…» жолдары)
cli-anchor-agree = Журнал барлық байламдармен сәйкес: { $n }
cli-anchor-missing = { $seq } жазбасының байламы: журналда мұндай жазба жоқ (жазбалар: { $len }) — журнал қысқартылған немесе қайта жазылған
cli-anchor-differs = { $seq } жазбасының байламы: жазбаның хеші басқа — журнал тізбегі қайта жазылған
cli-anchor-empty = журнал бос: байлайтын ештеңе жоқ
cli-anchor-syslog_failed = жүйелік журналға жазу мүмкін болмады: { $error }
cli-audit-none = ЖСН { $iin } адамның деректерін ешкім қарамаған
cli-audit-header = ЖСН { $iin } адамның деректерін кім қарады:
cli-audit-application = { $number } өтініші
cli-audit-person = тізілім жазбасы
cli-audit-applications = ЖСН бойынша табылған өтініштері: { $numbers }
cli-audit-count = Қараулар: { $n }
login-rate_limited = Осы компьютер тіркелгісінен кіру әрекеттері тым көп: { $n } с күтіңіз
refusal-over_limit = { $items ->
    [yes] «{ $field }» өрісінде { $max } элементтен көп: сервер оны қабылдамайды
   *[no] «{ $field }» өрісі { $max } таңбадан ұзын: сервер оны қабылдамайды
}
limit-connections = Осы компьютер тіркелгісінен қосылулар тым көп: { $n } с күтіңіз
limit-field-login = логин
limit-field-password = құпиясөз
limit-field-iin = ЖСН
limit-field-number = нөмір
limit-field-service = қызмет
limit-field-name = аты
limit-field-phone = телефон
limit-field-org = ұйым
limit-field-district = аудан
limit-field-power_of_attorney = сенімхат
limit-field-documents = құжаттар
limit-field-result = нәтиже
limit-field-comment = мәтін
limit-field-centre = орталық
limit-field-code = код
limit-field-args = команда сөздері
limit-field-input = файл
limit-field-queries = есептер
cli-passwd-wrong_current = Ағымдағы құпиясөз қате: құпиясөз өзгертілмеді (тіркелгі бұғатталғанға дейінгі әрекеттер: { $n })
## ux: typed reasons of refusals (ops::Refusal), one per kind
refusal-no_user = { $login } пайдаланушысы жоқ
refusal-user_disabled = { $login } пайдаланушысы өшірілген
refusal-user_exists = { $login } пайдаланушысы бар
refusal-bad_login = «{ $login }» логин бола алмайды (бос орынсыз және қиғаш сызықсыз)
refusal-no_roles = пайдаланушыға кемінде бір рөл керек
refusal-lacks_role = { $login } пайдаланушысында «{ $role }» рөлі жоқ
refusal-password_too_short = құпиясөз кемінде { $n } таңбадан тұрады
refusal-password_unhashable = құпиясөзді сақтау мүмкін болмады; қайталап көріңіз
refusal-no_organisation = { $code } ұйымы жоқ
refusal-organisation_exists = { $code } ұйымы бар
refusal-organisation_missing = { $login } пайдаланушысының { $code } ұйымы қоймада жоқ
refusal-works_elsewhere = { $login } «{ $org }» ұйымында жұмыс істейді, { $asked } ұйымында емес
refusal-store_has_users = қоймада пайдаланушылар бар
refusal-unknown_service = каталогта { $id } қызметі жоқ
refusal-ambiguous_service = { $id } қызметінің { $n } нұсқасы бар: нұсқаны толық көрсетіңіз
refusal-bad_iin = ЖСН { $input }: { $reason }
refusal-channel_elsewhere = «{ $channel }» арнасының өтініштерін { $needs } қабылдайды, ал «{ $org }» — { $kind }
refusal-other_region = «{ $service }» қызметі басқа өңірде көрсетіледі, «{ $org }» орналасқан жерде емес
refusal-no_provider = «{ $district }» ауданында және оның өңірінде «{ $service }» қызметін берушi жоқ; ұйым қосыңыз (qyzmet org add)
refusal-several_providers = «{ $service }» қызметін бірнеше қызмет беруші көрсете алады: { $providers }; әрқайсысының қызметтерін көрсетіңіз (qyzmet org add --service)
refusal-no_application = { $number } нөмірлі өтініш жоқ
refusal-not_your_application = { $number } өтініші «{ $org }» ұйымына қатысты емес
refusal-handled_elsewhere = { $number } өтініші қазір { $role } ({ $kind }) орындайтын кезеңде; { $login } «{ $org }» ұйымында жұмыс істейді
refusal-assign_needs_specialist = тағайындау үшін орындаушы керек
refusal-not_specialist_of = { $login } — «{ $org }» ұйымының орындаушысы емес
refusal-decision_missing = шешім үшін таңдаңыз: оң нәтиже немесе бас тарту
refusal-route_missing = { $number } өтінішінің бағыты каталогта жоқ
refusal-steps_from_one = кезеңдер бірден бастап нөмірленеді
refusal-nothing_to_return_to = бірінші кезеңнен қайтаратын жер жоқ
refusal-issue_needs_collector = беру үшін нәтижені алатын адамның ЖСН-і керек
refusal-registry_header = файлдың бірінші жолы бағандарды атауы керек: { $columns }
refusal-column_twice = бірінші жолда { $column } бағаны екі рет көрсетілген; бағандар: { $columns }
refusal-columns_missing = { $missing } бағаны жоқ; бірінші жол бағандарды атауы керек: { $columns }; { $shape ->
    [empty] файл бос
    *[other] бірінші жол: «{ $line }»
    }
refusal-no_queue = { $centre } орталығында электрондық кезек жоқ; оны баптаңыз (qyzmet queue setup)
refusal-not_a_centre = «{ $org }» — { $kind }; электрондық кезек тек ХҚКО-да болады
refusal-window_has_visitor = { $window } терезесінде келуші бар; алдымен қабылдауды аяқтаңыз
refusal-no_category = { $centre } орталығында { $category } санаты жоқ
refusal-slot_too_short = жазылу кемінде бір минутқа созылады
refusal-slot_passed = { $start } жазылу уақыты өтіп кетті
refusal-no_appointment = { $code } кодымен жазылу жоқ
refusal-appointment_at = { $code } жазылуы { $slot } уақытына
refusal-appointment_used = { $code } жазылуы белгіленген ({ $ticket } талоны)
refusal-no_ticket = бүгінге { $ticket } талоны жоқ
refusal-not_centre_head = кезек көрсеткіштері орталық басшысына арналған; { $login } басшы емес
refusal-not_an_operator = { $login } — ХҚКО операторы емес
refusal-no_window = кезек баптауларында { $window } терезесі жоқ
refusal-nobody_at_window = { $window } терезесінде ешкім жоқ; келесісін шақырыңыз
refusal-not_taken_in_here = { $number } өтініші бұл орталықта қабылданбаған
refusal-not_the_outcome = { $number } өтініші — { $status }, бұл «{ $outcome }» нәтижесі емес
refusal-server_runs_no_commands = бұл сервер командаларды орындамайды
refusal-status_for_administrators = сервер күйін тек оның жүйелік пайдаланушысы немесе root көре алады
refusal-unexpected_reply = сервер басқа сұрауға жауап берді; әрекетті қайталаңыз
refusal-server_store = сервердің қоймасында қате; әкімшіге хабарлаңыз
refusal-demo_inconsistent = демо-өңір құрылмады: оның деректері каталогқа сәйкес келмейді (толығы бағдарлама журналында)
org_kind-provider = қызмет беруші
org_kind-state_corp = ХҚКО
org_kind-akim_office = әкім аппараты
org_kind-commission = комиссия
org_kind-local_executive = аудан (қала) әкімдігі

## ux: typed queue refusals and settings problems
queue-err_needs_reason = Себебін көрсетіңіз
queue-err_consultation = Кеңесте өтініш нөмірі болмайды
queue-err_unknown_category = { $category } санаты жоқ
queue-err_same_category = { $number } талоны { $category } санатында тұр
queue-err_unknown_window = { $window } терезесі жоқ
queue-err_same_window = { $number } талоны { $window } терезесінде тұр
queue-err_serving_needs_call = Қабылдау келушіні шақырудан басталады
queue_config-no_categories = кемінде бір санат керек
queue_config-no_windows = кемінде бір терезе керек
queue_config-bad_letter = «{ $category }» санат әрпі A-дан Z-ке дейінгі латын бас әрпі емес
queue_config-category_twice = { $category } санаты екі рет көрсетілген
queue_config-category_unnamed = { $category } санатына орысша және қазақша атау керек
queue_config-window_zero = терезелер бірден бастап нөмірленеді
queue_config-window_twice = { $window } терезесі екі рет көрсетілген
queue_config-window_idle = { $window } терезесі бірде-бір санатқа қызмет көрсетпейді
queue_config-window_unknown_category = { $window } терезесі белгісіз { $category } санатына қызмет көрсетеді
queue_config-zero_minutes = келмеу уақыты мен қабылдау уақыты кемінде бір минут

## ux: the administrator's commands
cli-no_home = қойма үшін үй каталогы табылмады; --db PATH көрсетіңіз
cli-password_missing = құпиясөз командамен бірге келмеді
cli-password_not_utf8 = құпиясөз UTF-8 мәтіні емес
cli-password_unreadable = құпиясөзді оқу мүмкін болмады
cli-password_again = тағы бір рет:{" "}
cli-passwords_differ = құпиясөздер сәйкес емес
cli-password_for = { $login } үшін құпиясөз:{" "}
cli-password_new_for = { $login } үшін жаңа құпиясөз:{" "}
cli-user_added = { $login } пайдаланушысы қосылды
cli-user_disabled = { $login } пайдаланушысы өшірілді
cli-user_disabled_mark = өшірілген
cli-password_changed = { $login } пайдаланушысының құпиясөзі өзгертілді
cli-not_utf8 = { $file } — UTF-8 мәтіні емес; оны «CSV UTF-8» ретінде сақтаңыз
cli-docs_shape = --docs: all немесе missing:a,b
cli-representative_shape = --representative: «ТАӘ;СЕНІМХАТ-НӨМІРІ» немесе «ТАӘ;СЕНІМХАТ-НӨМІРІ;ӨКІЛДІҢ-ЖСН»
cli-sound_journal = дұрыс: журналдың { $n } жазбасы тексерілді
cli-sound_store = дұрыс: { $n } өтініш, барлық индекстер мен журнал тексерілді
cli-problems_found = { $n } ақау табылды
cli-progress_check = тексеру
cli-progress_cells = есеп деректерін қайта есептеу
cli-progress_backup = сақтық көшірме
cli-progress_restore = қалпына келтіру
cli-restore_needs_db = қалпына келтіру үшін --db PATH керек (бос орын)
cli-restored = { $n } өтініш { $path } ішіне қалпына келтірілді; тексеру өтті
cli-bad_org_code = «{ $code }»: код — латын әріптері, сандар және «-»
cli-org_added = { $code } ұйымы қосылды
cli-queue_set_up = { $centre } кезегі бапталды
cli-window_closed = жабық
cli-window = { $n } терезе
cli-no_window_open = ашық терезе жоқ
cli-wait_minutes = ~{ $n } мин
cli-ticket_taken = { $number } — { $ru } / { $kk }; алда: { $ahead }; күту: { $wait }
cli-no_window = терезесіз
cli-waiting_for_window = бұл терезені күтуде: { $n }
cli-ticket_line = { $category } санаты, { $taken } алынды, терезе { $window }, { $operator }
cli-stats_title = { $day }: күту мен қабылдау минутпен, медиана/90-процентиль/ең көп
cli-stats_head-tickets = талондар
cli-stats_head-served = қабылданды
cli-stats_head-no_shows = келмеді
cli-stats_head-transferred = жіберілді
cli-stats_head-cancelled = болдырылмады
cli-stats_head-wait = күту
cli-stats_head-service = қабылдау
cli-stats_total = барлығы
cli-stats_category = { $category } санаты
cli-stats_open = әлі жабылмаған: { $n }
cli-finish_needs_outcome = аяқтау үшін --outcome accepted|refused-intake|issued|consultation керек
cli-unknown_outcome = белгісіз нәтиже «{ $value }»: accepted, refused-intake, issued немесе consultation
cli-transfer_needs_to = жіберу үшін --to B немесе --to window:3 керек
cli-transfer_needs_reason = жіберу үшін --reason МӘТІН керек
cli-unknown_queue_act = белгісіз әрекет «{ $value }»: recall, no-show, serve, finish, transfer, break, back-office, available немесе leave
cli-direct_only = { $command } қоймамен тікелей жұмыс істейді, сервер арқылы емес; серверді тоқтатыңыз (немесе басқа қойма үшін --db PATH көрсетіңіз)
cli-status_needs_server = күйді жұмыс істеп тұрған сервер хабарлайды: qyzmet serve іске қосып, --connect SOCKET (немесе QYZMET_CONNECT) көрсетіңіз
cli-status-serving = Qyzmet { $version } { $store } қоймасына { $s } с қызмет көрсетіп тұр
cli-status-disk = дискідегі қойма: { $size }
cli-status-unknown = белгісіз
cli-status-memory = жад (RSS): { $memory }; ағындар: { $threads }
cli-status-connections = қосылымдар: { $n } (кіргендер: { $signed_in })
cli-status-last_minute = соңғы минутта: { $n } сұрау, секундына { $rate }, p99 { $p99 }
cli-status-notices = кезектегі хабарламалар: { $queued }, тасталғаны: { $dropped }; қайта үйлестірілетін қосылымдар: { $resynchronising }, қайта үйлестірулер: { $resyncs }
cli-status-outboxes = шығыс кезектер: ең ұзыны { $frames } кадр (шегі { $limit } хабарлама), барлығы { $bytes } байт
refusal-row_unreadable = жолды CSV ретінде оқу мүмкін болмады
refusal-row_no_iin = ЖСН жоқ
refusal-row_no_name = ТАӘ жоқ
refusal-iin_twice = ЖСН { $iin } { $first } жолда бар
cli-import_refused = { $file }: ештеңе импортталмады, { $n } ақау:
cli-import_line = { $line } жол: { $what }
cli-imported = импортталған адамдар: { $n } (тізілімде: { $total })
store_error-locked = { $path } қоймасын Qyzmet-тің басқа процесі ұстап тұр; оны сервер ұстаса, --connect SOCKET (немесе QYZMET_CONNECT) арқылы қосылыңыз; бірнеше пайдаланушы үшін qyzmet serve іске қосыңыз
store_error-missing = { $path } қоймасы жоқ; оны құрыңыз: qyzmet init (немесе qyzmet init --demo)
store_error-exists = { $path } қоймасы бар
cli-option_not_here = { $flag } qyzmet { $command } үшін ештеңе білдірмейді; оны алып тастаңыз
connect_error-io = Qyzmet { $path } серверіне қосылу мүмкін болмады: { $why }
connect_error-no_server = онда сервер жауап бермейді (qyzmet serve іске қосылған ба?)
connect_error-permission = сокетке рұқсат жоқ (сервер тобы керек)
connect_error-broken = байланыс үзілді
connect_error-refused = { $path } сервері бұл клиентті қабылдамады: { $reason }
connect_error-sources = Сервердің каталогы немесе күнтізбесі қате: { $detail }
refusal-password_one_kind = құпиясөз таңбалардың кемінде екі түрінен тұруы керек: әріптер, цифрлар, басқа белгілер
refusal-password_is_login = құпиясөз логинмен бірдей болмауы керек
## Есептер (16-тапсырма): топтау, бағандар, болжам себептері, report командасы
report-group-total = Барлығы
report-group-region = Өңір
report-group-org = Ұйым
report-group-service = Қызмет
report-group-step = Кезең
report-group-person = Қызметкер
report-col-received = Түсті
report-col-completed = Орындалды
report-col-completed_on_time = Мерзімінде орындалды
report-col-on_time_share = Мерзімінде
report-col-overdue_now = Қазір мерзімі өткен
report-col-refused_at_intake = Қабылдаудан бас тартылды
report-col-refused_motivated = Дәлелді бас тартулар
report-col-withdrawn = Кері қайтарылды
report-col-steps_completed = Орындалған кезеңдер
report-col-steps_on_time = Мерзімінде кезеңдер
report-col-step_on_time_share = Мерзімінде кезеңдер, үлесі
report-col-norm = Норма
report-col-median = Медиана
report-col-p90 = 90-процентиль
report-col-max = Ең көбі
report-col-number = Нөмір
report-col-service = Қызмет
report-col-step = Кезең
report-col-holder = Кімде
report-col-started = Кезең басталды
report-col-due = Кезең мерзімі
report-col-state = Күйі
report-col-amount = Кешігу / қалды
report-col-ahead = Алдында
report-col-pace = Күніне орындайды
report-col-expected = Күтіледі
report-col-overall_due = Жалпы мерзім
report-col-misses = Бұзылады
report-col-reason = Неге
report-misses-step = кезең мерзімі
report-misses-overall = жалпы мерзім
report-misses-both = кезең мерзімі мен жалпы мерзім
report-ahead = { $n ->
    [0] алдында ешкім жоқ
   *[other] алдында { $n } өтініш
}
report-reason-person = бұл орындаушыда { $ahead }, ол күніне { $pace } орындайды
report-reason-office = «{ $role }» кезегінде ({ $org }) { $ahead }, онда күніне { $pace } орындайды
report-reason-stalled = «{ $holder }» кезегінде { $ahead }, онда соңғы { $days } жұмыс күнінде бұл кезеңді ешкім орындамады
cli-report-title = { $kind }: { $from } – { $to } ({ $days } жұмыс күні), { $now } жағдайы бойынша
cli-report-kind-compliance = Мерзімдердің сақталуы
cli-report-kind-overdue = Мерзімі өткендер және қауіптегілер
cli-report-kind-forecast = Бұзушылықтар болжамы
cli-report-kind-steps = Кезеңдер уақыты нормаға қарсы
cli-report-forbidden = { $login } есептерді оқи алмайды: қызмет берушінің басшысы өз ұйымының, орталық басшысы өз орталығының, өңір кураторы өңірдің есептерін оқиды
cli-report-outside = { $org } бұл пайдаланушы оқи алатын аядан тыс
cli-report-none = Есеп беретін ештеңе жоқ.
cli-report-written = Файл жазылды: { $path }
cli-report-progress = өтініш оқылды
cli-report-bad_period = --from және --to (2026-03-01 сияқты күндер) немесе --period көрсетіңіз
cli-report-bad_delimiter = бөлгіш бір таңба, мысалы ';' немесе ','
report-region-karaganda = Қарағанды облысы
report-region-west_kazakhstan = Батыс Қазақстан облысы
report-region-zhambyl = Жамбыл облысы
refusal-reports_not_for_role = { $login } есептерді оқи алмайды: басшы өз ұйымының, өңір супервайзері бүкіл өңірдің есептерін көреді
refusal-report_outside_scope = { $code } ұйымы бұл пайдаланушы есептерде көре алатын аумақтан тыс
## routes (issue 13): conditional steps, channel endings, intake checks
cli-service-when_approved = тек оң шешім болғанда
cli-service-when_refused = тек бас тартылғанда
cli-service-notice = порталдағы хабарлама
result_kind-notice = нәтиженің дайындығы туралы хабарлама
error-result_not_on_channel = «{ $result }» нәтижесі «{ $channel }» арнасы арқылы қабылданған өтініштерге берілмейді
case-ev_intake_refused_expired = қабылдаудан бас тартылды: ұсынылмаған — { $docs }; қолданылу мерзімі өткен — { $expired }
cli-expired_not_handed_in = «{ $doc }» құжаты мерзімі өткен деп белгіленген, бірақ ұсынылмаған (немесе қызмет тізбесінде жоқ)
error-no_person_data = Қызмет алушының деректерін алу мүмкін емес: { $iin } ЖСН ЖТ МДҚ-да (жеке тұлғалар тізілімінде) жоқ. Өтініш қабылданбайды.
outcome-no_person_data = ЖТ МДҚ-да деректер жоқ
error-provider_in_locality = Ауылдық округ әкімі арқылы қызмет тұрғылықты жері бойынша көрсетілетін қызметті беруші болмаған жағдайда ғана көрсетіледі, ал «{ $district }» ішінде ол бар: { $provider }. Қызмет берушіге немесе Мемлекеттік корпорацияға жүгініңіз.

## Why a change does not fit the application (domain::unfit)
unfit-name_empty = Өтініш берушінің аты-жөні көрсетілмеген
unfit-expired_not_handed_in = «{ $doc }» құжаты мерзімі өткен деп белгіленген, бірақ тапсырылмаған
unfit-other_service = Өтініш басқа қызметке берілген ({ $service })
unfit-route_missing = { $route } бағыты каталогта жоқ
unfit-refuse_only_at_intake = Қабылдаудан бас тартуға өтініш әрі қарай жіберілгенге дейін ғана болады
unfit-name_missing_documents = Жетіспейтін құжаттарды көрсетіңіз
unfit-withdrawal_needs_reason = Кері қайтарып алу үшін өтініш беруші атаған себеп керек
unfit-registration_number_empty = Тіркеу нөмірі бос
unfit-result_goes_to_counter = Нәтиже шығыс нөмірімен беру үшін Мемлекеттік корпорацияға жіберіледі
unfit-name_specialist = Жауапты орындаушыны көрсетіңіз
unfit-act_empty = Акт немесе қорытынды мәтіні бос
unfit-refusal_needs_reasons = Дәлелді бас тартуда негіздер болуы керек
unfit-return_only_in_progress = Тек қазір орындалып жатқан қадамды қайтаруға болады
unfit-not_earlier_step = { $step }-қадам алдыңғы қадам емес
unfit-return_needs_comment = Нені түзету керегін жазыңыз: қайтару түсініктемені талап етеді
unfit-step_not_taken = { $step }-қадам мұндай шешімнен кейін өтпейді

## cli: a command through a server, refused there (remote_cli)
cli-remote-drop_sources = сервер арқылы қойманы, каталогты және күнтізбені сервер таңдайды: --db, --catalog және --calendar алып тастаңыз
cli-remote-no_command = команда көрсетілмеген
cli-remote-not_served = бұл команда сервер арқылы орындалмайды
cli-remote-only_server_user = рұқсат жоқ: бұл команданы тек сервердің ОЖ пайдаланушысы орындай алады ({ $user } емес)
cli-remote-mapped_elsewhere = рұқсат жоқ: сіздің ОЖ пайдаланушыңыз { $user } { $mine } пайдаланушысымен байланған, ал команда { $wanted } атынан әрекет етеді
cli-remote-no_user = ешбір Qyzmet пайдаланушысы
cli-remote-nobody = ешкім (--as ЛОГИН қосыңыз)
cli-password_current_for = { $login } ағымдағы құпиясөзі:{" "}

## store: a PostgreSQL database (issue 15, pg)
store_error-pg-bad_url = { $at }: бұл PostgreSQL мекенжайы емес
store_error-pg-unreachable = { $at } мекенжайындағы PostgreSQL сервері жауап бермейді: оның іске қосылғанын, мекенжай мен портты тексеріңіз
store_error-pg-refused = { $at } мекенжайындағы PostgreSQL пайдаланушыны немесе құпиясөзді қабылдамады
store_error-pg-no_database = { $at } мекенжайындағы PostgreSQL-де мұндай дерекқор жоқ: оны құрыңыз (createdb) немесе атын тексеріңіз
store_error-pg-not_allowed = { $at } мекенжайындағы PostgreSQL пайдаланушыға қоймаға керек әрекетті рұқсат етпейді
store_error-pg-newer = { $at } дерекқорын Qyzmet-тің жаңарақ нұсқасы дайындаған (схема { $have }, бұл нұсқа { $known } дейін біледі); Qyzmet-ті жаңартыңыз
store_error-pg-unsafe = { $at } мекенжайындағы PostgreSQL { $setting } күйінде жұмыс істейді: сақталды деп айтылған өзгеріс жоғалуы мүмкін; бұл баптауды қосыңыз
store_error-pg-commit_unknown = Өзгеріс сақталып жатқанда { $at } байланысы үзілді: ол сақталған болуы да, болмауы да мүмкін; қайта қараңыз
store_error-pg-failed = { $at } мекенжайындағы PostgreSQL: { $why }
cli-migrate_progress = көшіру
cli-migrate_source_unsound = Көшірілетін қойма тексеруден өтпейді; ештеңе көшірілмеді:
cli-migrated = { $from } ішінен { $to } ішіне { $n } өтініш және журналдың { $entries } жазбасы көшірілді; тексеру мен журнал тізбегі екі жақта да дұрыс, көшірме түпнұсқамен бірдей
## reports (issue 16): the workstation's Reports pane and its period picker
pane-reports = Есептер
help_section-reports = Есептер
action-next_view = Келесі есеп: мерзімдер, мерзімі өткендер, болжам
action-prev_view = Алдыңғы есеп
action-choose_period = Кезеңді таңдау
period-today = бүгін
period-this-month = осы ай
period-last-month = өткен ай
period-this-quarter = осы тоқсан
period-last-quarter = өткен тоқсан
period-this-year = осы жыл
reports_pane-title = Есептер: { $period }
reports_pane-view_compliance = Мерзімдердің сақталуы
reports_pane-view_overdue = Мерзімі өткендер
reports_pane-view_forecast = Бұзушылық болжамы
reports_pane-too_small = Есептерге орын аз: терминал терезесін үлкейтіңіз.
reports_pane-loading = Есептер оқылуда…
reports_pane-empty = Бұл кезеңде мұнда өтініш жоқ.
reports_pane-no_forecast = Мерзім бұзылуы күтілмейді.
reports_pane-no_late = Мерзімі өткен не шұғыл өтініш жоқ.
reports_pane-nothing_in_period = Бұл кезеңде өтініш болған жоқ.
reports_pane-summary = Түсті { $received } · орындалды { $completed }, мерзімінде { $share } · қазір мерзімі өткен { $overdue }
reports_pane-late_by = { $amount } кешікті
reports_pane-left = { $amount } қалды
reports_pane-open_group = Enter — толығырақ, Esc — артқа
reports_pane-open_person = Enter — қызметкердің мерзімі өткен өтініштері
reports_pane-nothing = Мұнда ашатын ештеңе жоқ.
reports_pane-chart_shares = Қызметтер бойынша мерзімінде
reports_pane-chart_nothing = Кезең бойынша дерек жоқ.
reports_pane-chart_daily = Күн сайын орындалды: барлығы { $total }, күніне { $peak } дейін
reports_pane-chart_steps = Кезеңдер уақыты нормаға қарағанда
reports_pane-chart_pick_service = Кезеңдерінің уақытын көру үшін қызметті таңдаңыз.
reports_pane-chart_steps_of = Кезеңдер: { $service } (жолақтың ортасы — норма)
reports_pane-unit_minutes = { $n } мин
reports_pane-unit_hours = { $n } сағ
reports_pane-unit_working_days = { $n } жұм. күн
reports_pane-unit_calendar_days = { $n } күнт. күн
reports_pane-bad_date = «{ $text }» — күн емес: 01.11.2026 түрінде жазыңыз
reports_pane-reversed = Кезең басталмай тұрып аяқталады.
reports_pane-period_title = Есеп кезеңі
reports_pane-period_dates = өз күндерім…
reports_pane-period_from = Бастап
reports_pane-period_to = Дейін
reports_pane-median = медиана
reports_pane-p90 = 90 %
reports_pane-max = ең көбі
reports_pane-step_norm = { $step } · норма { $norm }
## routes (issue 13, ЕНИС): powers of attorney
case-ev_power_checked = № { $number } сенімхат БНАЖ-да тексерілді: өкіл ЖСН { $representative }, нотариус { $notary }, { $from } бастап { $until } дейін жарамды
unfit-power_not_in_enis = БНАЖ-да өтініш беруші берген № { $number } сенімхат жоқ: сенімхат деректерін алу мүмкін емес, өтініш қабылданбайды
unfit-power_other_representative = № { $number } сенімхат басқа өкілге (ЖСН { $iin }) берілген: өтініш қабылданбайды
unfit-power_not_yet_valid = № { $number } сенімхат тек { $date } бастап жарамды: өтініш қабылданбайды
unfit-power_expired = № { $number } сенімхаттың мерзімі { $date } өтті: өтініш қабылданбайды
unfit-power_needs_representative_iin = № { $number } нотариаттық сенімхат БНАЖ-да өкілдің ЖСН бойынша тексеріледі: оны көрсетіңіз
refusal-row_no_value = толтырылмаған: { $column }
refusal-row_bad_date = { $column }: «{ $value }» — күн емес (ЖЖЖЖ-АА-КК немесе КК.АА.ЖЖЖЖ)
refusal-row_period = жарамдылық мерзімі басталмай жатып аяқталады
refusal-power_twice = № { $number } сенімхат { $first } жолда бар
refusal-principal_unknown = ЖСН { $iin } сенім білдірушісі жеке тұлғалар тізілімінде жоқ: алдымен оны тізілімге қосыңыз
power_column-number = сенімхат нөмірі
power_column-principal_iin = сенім білдірушінің ЖСН
power_column-representative_iin = өкілдің ЖСН
power_column-valid_from = жарамдылық басы
power_column-valid_until = жарамдылық соңы
power_column-notary = нотариус
cli-powers_imported = импортталған сенімхаттар: { $n }
intake-notarised = Нотариат. сенімхат
intake-notarised_yes = иә
intake-notarised_no = жоқ
refusal-no_local_executive = өңірде { $district } ауданының жергілікті атқарушы органы (әкімдігі) жоқ, ал қызмет бағыты шешімді соған береді: оны қосыңыз

## routes (issue 13): a step's acts beside its decision
case-act = акт
unfit-act_text_missing = Шешім «{ $act }» құжатымен бірге қабылданады: оның мәтінін жазыңыз
unfit-act_not_of_step = Бұл қадамда { $act } құжаты жасалмайды
decide-act = { $act }:
cli-act_shape = --act: «ИД=МӘТІН», мысалы inspection_act=Тұрғын үй жағдайы қанағаттанарлық
## trust (issue 17): the region supervisor, who may open a store
refusal-supervisor_reads_no_cases = { $login } — өңір супервайзері: оған тек есептер ашық, өтінімдер мен адамдар туралы мәліметтер емес
store_error-denied = { $path } қоймасын бұл ОЖ пайдаланушысы аша алмайды: оның файлдары серверге тиесілі; пәрменді сервер арқылы орындаңыз (--connect SOCKET)
store_error-stuck = Сақталған өзгерісті қойма файлдарына жазу мүмкін болмады ({ $detail }). Qyzmet-ті қайта іске қосыңыз: қойманы ашқанда ол сақталған өзгерістерді қайта қолданады
## routes (issue 13 item 5): the State Corporation's part on its own clock
case-ev_visit_called = { $ticket } талоны { $time } шақырылды
case-counter = Мемлекеттік корпорацияның бөлігі (оның жұмыс минуттары, регламент нормасы):
case-counter_none = Мемлекеттік корпорацияның бөлігі уақытпен өлшенбеген (келушіні шақыру жазылмаған)
case-counter_phase = { $phase }: { $minutes } мин, норма { $norm } мин — { $verdict }
case-counter_phase_no_norm = { $phase }: { $minutes } мин — регламентте минуттар көрсетілмеген
counter-visit = келу, шақырудан қабылдауға дейін
counter-transfer = көрсетілетін қызметті берушіге жолдау, оның тіркеуіне дейін
counter-issue = беру, шақырудан нәтижені беруге дейін
counter-within = регламент минуттары шегінде
counter-over = регламент минуттарынан асып кетті
counter-under_way = орындалуда
cli-stats_within_norm = регламент минуттары шегіндегі келулер: уақыты өлшенген { $timed } ішінен { $within }
## trust (issue 17): the password dialog
action-change_password = Құпиясөзімді ауыстыру
password-title = Құпиясөзімді ауыстыру
password-policy = Кемінде { $n } таңба, екі түрлі (әріптер, цифрлар, белгілер)
password-current = Ағымдағы құпиясөз
password-new = Жаңа құпиясөз
password-repeat = Жаңасы тағы бір рет
password-need_current = Ағымдағы құпиясөзді енгізіңіз
password-differ = Жаңа құпиясөздер сәйкес емес: қайта енгізіңіз
password-same = Жаңа құпиясөз ағымдағысымен бірдей
password-wrong_current = Ағымдағы құпиясөз қате: құпиясөз өзгертілмеді (тіркелгі бұғатталғанға дейінгі әрекеттер: { $n })
password-changed = Құпиясөзіңіз өзгертілді

## routes (issue 13): the result's receipt at the State Corporation's centre (000:125-135)
step-receive = нәтиженің орталықта алынғаны туралы белгі
action-receive = Нәтиженің алынғанын белгілеу
results-receive_title = { $number } нәтижесін орталықта алу
results-mark = Орталық журналындағы белгі (жазба нөмірі)
results-need_mark = Орталық журналында жасалған белгіні енгізіңіз
results-confirm_receive = { $number } нәтижесінің алынғанын орталық журналында белгілеу керек пе: { $mark }?
results-received = { $number } нәтижесінің алынғаны белгіленді
case-ev_received = нәтиже орталықта алынды, журналдағы белгі: { $mark }
case-ev_received_under = шығыс № { $number } нәтиже орталықта алынды, журналдағы белгі: { $mark }
counter-receipt = орталықта алу, көрсетілетін қызметті берушінің беруінен журналдағы белгіге дейін
unfit-receipt_needs_mark = Нәтиженің алынғаны туралы орталық журналында жасалған белгіні көрсетіңіз
unfit-already_received = Орталық бұл нәтиженің алынғанын белгілеп қойған
unfit-not_received_yet = Орталық нәтиженің алынғанын әлі белгілемеген: алдымен журналда белгілеңіз, содан кейін беріңіз
unfit-receipt_only_at_centre = Алынғанын көрсетілетін қызметті беруші нәтижені берген Мемлекеттік корпорация орталығы ғана белгілейді
stats-within_norm = Регламент минуттары шегіндегі келулер: уақыты өлшенген { $timed } ішінен { $within }
