## app
app-title = Qyzmet
app-enlarge = Увеличьте окно терминала: нужно не меньше { $w }×{ $h }, сейчас { $cw }×{ $ch }
app-key_unbound = Клавиша { $key } ничего не делает здесь (? — справка)
app-language = Язык: русский
app-theme = Тема: { $name }
app-embedded = хранилище
app-quit_hint = Ctrl+Q — выход
app-confirm_quit_unsaved = Выйти из Qyzmet? Введённое в форму будет потеряно
app-confirm_logout_unsaved = Выйти из учётной записи? Введённое в форму будет потеряно

## demo
demo-title = Хранилище пусто
demo-body = В хранилище { $path } ещё нет ни пользователей, ни заявлений. Создать демонстрационный регион (Карагандинская область: ЦОН, три услугодателя, аппарат акима, сотрудники и заявления на всех этапах)?
demo-yes = Enter — создать демо-регион
demo-no = Esc — выйти (создать хранилище: qyzmet init)
demo-creating = Создаётся демо-регион…
demo-created = Демо-регион создан: { $apps } { $apps ->
        [one] заявление
        [few] заявления
       *[many] заявлений
    }. Пароль всех пользователей: { $password }

## login
login-title = Вход в рабочее место
login-login = Логин
login-password = Пароль
login-submit = Enter — войти
login-users = Пользователи демо-региона
login-empty = Введите логин и пароль
login-wrong = Неверный логин или пароль. Осталось попыток: { $n }
login-locked = Учётная запись заблокирована до { $until } после трёх неудачных попыток
login-disabled = Учётная запись отключена администратором
login-welcome = Добро пожаловать, { $name }
login-confirm_quit = Выйти из Qyzmet?
login-more = … и ещё { $n } { $n ->
        [one] пользователь
        [few] пользователя
       *[many] пользователей
    } (список: qyzmet user list)

## frame
frame-role = Роль
frame-org = Организация
frame-data = Данные
frame-roles_hint = { $key } — сменить роль

## role
role-operator = Оператор ЦОН
role-clerk = Канцелярия
role-head = Руководитель
role-supervisor = Куратор региона
role-specialist = Исполнитель

## pane
pane-intake = Приём
pane-walk_in = Приём заявлений
pane-results = Выдача результатов
pane-inbox = Входящие
pane-outbox = Исходящие
pane-resolutions = Резолюции
pane-signing = На подпись
pane-worklist = Мои заявления
pane-case = Заявление
pane-queue = Очередь
pane-queue_stats = Очередь: показатели

## list
list-number = Номер
list-service = Услуга
list-applicant = Заявитель
list-iin = ИИН
list-step = Этап
list-due = Срок этапа
list-overall = Общий срок
list-received = Поступило
list-state = Состояние
list-empty = Здесь пусто: нет заявлений, ожидающих вас
list-no_match = Ничего не найдено по «{ $q }»
list-filter = Поиск
list-filter_hint = номер, ИИН, ФИО, услуга — по-русски, по-казахски или по-английски
list-counters = Всего { $total } · в срок { $ok } · под угрозой { $risk } · просрочено { $late }
list-shown = показано { $n } из { $total }
list-left = осталось { $t }
list-late_by = просрочено на { $t }
list-awaiting_mark = ждёт отметки
list-to_issue = к выдаче

## sla
sla-on_time = в срок
sla-at_risk = под угрозой
sla-overdue = просрочено

## time
time-minutes = { $n } мин
time-hours = { $h } ч { NUMBER($m, minimumIntegerDigits: 2) } мин
time-working_days = { $n } раб. дн.
time-calendar_days = { $n } кал. дн.

## step
step-accept = приём документов
step-register = регистрация
step-assign = резолюция
step-review = рассмотрение
step-inspect = обследование
step-execute = решение
step-conclude = заключение
step-sign = подписание
step-forward = передача
step-dispatch = отправка результата
step-issue = выдача результата

## status
status-in_progress = в работе
status-result_ready = результат готов
status-issued = выдан
status-refused_at_intake = отказ в приёме
status-withdrawn = отозвано

## channel
channel-state_corp = ЦОН (Госкорпорация)
channel-provider_office = канцелярия услугодателя
channel-portal = портал электронного правительства
channel-rural_akim = аппарат акима села

## ground
ground-false_documents = недостоверные документы или сведения
ground-requirements_not_met = несоответствие требованиям
ground-court_decision = решение суда
ground-other = иное основание, предусмотренное законом

## intake
intake-title = Приём заявления
intake-service = Услуга
intake-service_hint = начните вводить название по-русски, по-казахски или по-английски
intake-no_service = Нет такой услуги. Попробуйте другое слово
intake-channel = Канал
intake-iin = ИИН заявителя
intake-iin_ok = ✓ { $date }, { $sex }
intake-iin_known = ✓ { $date }, { $sex } · найден в реестре
intake-male = муж.
intake-female = жен.
intake-name = ФИО заявителя
intake-rep_name = Представитель (ФИО)
intake-rep_iin = ИИН представителя
intake-poa = № доверенности
intake-phone = Телефон
intake-district = Район
intake-documents = Документы
intake-required = обязательный
intake-need_service = Выберите услугу
intake-need_iin = ИИН заявителя: { $reason }
intake-need_name = Введите ФИО заявителя
intake-need_poa = Для представителя нужен номер доверенности
intake-rep_iin_bad = ИИН представителя: { $reason }
intake-missing_required = Не отмечены обязательные документы: { $docs }. Отметьте их (Пробел) или откажите в приёме ({ $key })
intake-nothing_missing = Все обязательные документы на месте: отказывать в приёме не за что
intake-confirm_accept = Принять заявление «{ $service }» от { $name } (ИИН { $iin })?
intake-confirm_refuse = Выдать расписку об отказе в приёме: не представлены { $docs }?
intake-accepted = Заявление { $number } принято и направлено услугодателю
intake-refused = Отказ в приёме { $number }: расписка готова
intake-receipt = Расписка
intake-receipt_saved = Расписка сохранена: { $path }
intake-receipt_not_saved = Расписку не удалось сохранить ({ $error }); она на экране
intake-cleared = Форма очищена
intake-already_empty = Форма уже пуста
intake-confirm_clear = Очистить форму? Всё введённое для этого заявителя будет удалено
intake-kept = Форма сохранена. Очистить её — { $key }
intake-choice_not_text = Здесь выбор, а не текст: Пробел — переключить, Tab — к следующему полю

## results
results-issue_title = Выдача результата { $number }
results-recipient = ИИН получателя
results-recipient_hint = ИИН заявителя { $iin }{ $rep }
results-confirm_issue = Выдать результат { $number } получателю с ИИН { $iin }?
results-issued = Результат { $number } выдан

## act
act-confirm = { $what }: { $number } «{ $service }»?
act-done = { $number }: { $what } — выполнено
act-registered = { $number }: зарегистрировано под № { $out }
act-dispatched = { $number }: отправлено ({ $to }), исх. № { $out }
act-wrong_step = Текущий этап заявления { $number } — { $step }; здесь это сделать нельзя
act-nothing = Выберите заявление
act-to_state_corp = в ЦОН для выдачи
act-to_portal = в личный кабинет на портале
act-to_in_person = для выдачи лично
act-to_akim = в аппарат акима

## assign
assign-title = Резолюция: { $number }
assign-specialist = Исполнитель
assign-load = в работе { $open }, просрочено { $late }
assign-resolution = Текст резолюции
assign-none = В организации нет исполнителей
assign-confirm = Поручить { $number } исполнителю { $name }?
assign-done = { $number } поручено: { $name }

## sign
sign-confirm = Подписать результат по { $number }?
sign-done = { $number } подписано
sign-return_title = Вернуть на доработку: { $number }
sign-comment = Комментарий
sign-need_comment = Напишите, что исправить
sign-confirm_return = Вернуть { $number } исполнителю с комментарием?
sign-returned = { $number } возвращено на доработку

## decide
decide-title = Решение по { $number }
decide-outcome = Решение
decide-approve = Оказать услугу
decide-refuse = Мотивированный отказ
decide-result = Результат
decide-ground = Основание отказа
decide-text = Текст решения / мотивировка
decide-need_text = Мотивированный отказ требует текста
decide-confirm = Направить решение по { $number } на подпись руководителю?
decide-done = Решение по { $number } направлено на подпись
decide-report_title = { $what }: { $number }
decide-report_text = Текст акта
decide-need_report = Акт не может быть пустым

## case
case-applicant = Заявитель
case-representative = Представитель
case-phone = Телефон
case-documents = Документы
case-route = Маршрут
case-history = История
case-decision = Решение
case-numbers = Номера
case-submitted = Подано
case-holder = Сейчас у
case-norm = норма
case-no_norm = без нормы
case-current = текущий
case-done_at = выполнено { $at }
case-approved = оказать услугу: { $result }
case-refused = отказ: { $ground }. { $text }
case-ev_submitted = подано ({ $channel })
case-ev_completed = { $step }
case-ev_returned = возвращено: { $comment }
case-ev_intake_refused = отказ в приёме: нет { $docs }
case-ev_withdrawn = отозвано: { $reason }
case-ev_issued = выдано получателю ИИН { $iin }

## dialog
dialog-yes = Enter — да
dialog-no = Esc — нет
dialog-close = Esc — закрыть
dialog-save = { $key } — сохранить
dialog-scroll = ↑↓ PgUp PgDn — прокрутка, строки { $from }–{ $to } из { $total }
dialog-confirm_discard = Закрыть окно? Введённый текст будет потерян

## help
help-title = Клавиши
help-which_key = Далее:

## error
error-forbidden = Нет прав
error-conflict = Заявление уже изменил другой пользователь: данные обновлены, повторите действие
error-not_found = Не найдено
error-invalid = Неверные данные
error-stale = Заявление { $number } уже изменено ({ $by }): показано новое состояние
error-unavailable = Сервер недоступен, переподключение…
error-session_expired = Сеанс истёк: войдите снова
error-store = Ошибка хранилища: { $detail }. Данные не изменены
error-closed = Заявление закрыто ({ $status })
error-wrong_actor = Этот этап выполняет { $expected }
error-not_assignee = Этап поручен исполнителю { $login }
error-not_ready = Результат ещё не готов к выдаче
error-wrong_recipient = Результат выдаётся только заявителю или его представителю; ИИН { $iin } не их
error-unknown_result = Услуга не даёт результат «{ $result }»
error-deadline = Не удалось рассчитать срок: { $date } вне лет, которые охватывает календарь ({ $first }–{ $last })
error-excluded = Услуга исключена из регламента и заявления не принимает
error-channel = Услуга не принимается по каналу «{ $channel }»
error-wrong_step = Текущий этап заявления — { $step }; это действие сейчас невозможно
error-unknown_document = Неизвестный документ { $doc }

## iin
iin-length = нужно 12 цифр, введено { $n }
iin-non_digit = только цифры
iin-century = 7-я цифра должна быть от 1 до 6
iin-date = первые шесть цифр — не дата рождения
iin-checksum = не сходится контрольная цифра
iin-future_birth = дата рождения ещё не наступила

## action
action-quit = Выход
action-help = Справка по клавишам
action-next_pane = Следующая вкладка
action-prev_pane = Предыдущая вкладка
action-pane1 = Вкладка 1
action-pane2 = Вкладка 2
action-pane3 = Вкладка 3
action-pane4 = Вкладка 4
action-switch_role = Сменить роль
action-cycle_language = Сменить язык
action-cycle_theme = Сменить тему
action-refresh = Обновить
action-logout = Выйти из учётной записи
action-up = Вверх
action-down = Вниз
action-page_up = Страница вверх
action-page_down = Страница вниз
action-top = В начало
action-bottom = В конец
action-open = Открыть заявление
action-filter = Поиск
action-clear_filter = Сбросить поиск
action-next_field = Следующее поле
action-prev_field = Предыдущее поле
action-toggle = Отметить / переключить
action-submit = Сохранить
action-cancel = Отмена
action-clear_form = Очистить форму
action-confirm = Подтвердить
action-accept = Принять заявление
action-refuse_intake = Отказать в приёме
action-issue = Выдать результат
action-register = Зарегистрировать
action-dispatch = Отправить результат
action-forward = Передать дальше
action-assign = Наложить резолюцию
action-sign = Подписать
action-return_draft = Вернуть на доработку
action-decide = Принять решение
action-complete = Выполнить этап
action-back = Назад к списку
action-call_next = Вызвать следующего
action-recall = Вызвать повторно
action-start_serving = Начать обслуживание
action-finish_visit = Завершить обслуживание
action-no_show = Неявка
action-transfer = Перенаправить
action-operator_state = Перерыв / бэк-офис / на месте
action-priority = Приоритетное обслуживание
action-check_in = Запись по коду
action-prev_day = Предыдущий день
action-next_day = Следующий день

## ticket_state
ticket_state-waiting = ожидает
ticket_state-called = вызван
ticket_state-serving = обслуживается
ticket_state-done = обслужен
ticket_state-no_show = неявка
ticket_state-transferred = перенаправлен
ticket_state-cancelled = отменён

## outcome
outcome-accepted = заявление принято
outcome-refused_intake = отказ в приёме
outcome-issued = результат выдан
outcome-consultation = консультация

## operator_state
operator_state-available = на месте
operator_state-serving = обслуживает
operator_state-on_break = перерыв
operator_state-back_office = бэк-офис

## priority
priority-disability = Лицо с инвалидностью
priority-elderly = Пожилой возраст
priority-pregnant = Беременность
priority-none = Без приоритета

## queue
queue-err_nobody = Никто не ждёт окна { $window }
queue-err_busy = Талон { $number } у окна: сначала завершите, перенаправьте или отметьте неявку
queue-err_config = Настройки очереди неверны: { $detail }
queue-err_state = Талон { $number } сейчас «{ $state }»: это действие невозможно
queue-err_window = Талон { $number } у окна { $window }, а не у вашего
queue-err_too_early = Отметить неявку можно через { $minutes } мин
queue-err_needs_app = Для итога «{ $outcome }» нужен номер заявления
queue-to_category = В очередь { $letter }
queue-to_window = К окну { $window }
queue-not_loaded = Очередь не загружена (Ctrl+L — обновить)
queue-take_window = Сначала займите окно: выберите его и нажмите Enter
queue-nobody = У окна никого нет: вызовите следующего
queue-not_serving = Завершить можно только начатое обслуживание
queue-closed = закрыто
queue-confirm_no_show = Отметить неявку по талону { $number }?
queue-confirm_finish = Завершить обслуживание талона { $number }: { $outcome }?
queue-confirm_transfer = Перенаправить талон { $number }: { $to }?
queue-need_reason = Укажите причину перенаправления
queue-sat = Вы за окном { $window }
queue-left = Вы покинули окно
queue-state_set = Состояние: { $state }
queue-called = Талон { $number } вызван к окну { $window }
queue-recalled = Талон { $number } вызван повторно ({ $n }-й раз)
queue-serving = Обслуживание талона { $number }
queue-no_show_done = Талон { $number }: неявка
queue-finished = Талон { $number } обслужен: { $outcome }
queue-transferred = Талон { $number } перенаправлен: { $to }
queue-ticket = талон { $number }
queue-ticket_line = { $state } в { $time } (взят в { $taken })
queue-appointment = по записи
queue-choose_window = Выберите окно
queue-choose_hint = ↑↓ выбрать окно, Enter — занять его
queue-free_window = свободно
queue-window = Окно { $n }
queue-current = У окна:
queue-free_since = Окно свободно с { $time }. F5 — вызвать следующего
queue-for_me = Ждут вашего окна:
queue-last = Последний:
queue-queues = Очереди
queue-windows = Окна
queue-finish_title = Итог обслуживания талона { $number }
queue-outcome = Итог
queue-application = Номер заявления
queue-finish_hint = Пробел — сменить итог; Tab — к номеру
queue-transfer_title = Перенаправить талон { $number }
queue-transfer_to = Куда
queue-reason = Причина
queue-confirm_state = Сменить состояние окна: { $state }? Пока оно не «на месте», к окну никого не вызывают
queue-break_since = Перерыв с { $time }. F3 — сменить состояние
queue-back_office_since = Бэк-офис с { $time }. F3 — сменить состояние
queue-state_calling = вызван { $number }, посетитель ещё не подошёл
queue-err_window_closed = За окном { $window } никого нет: посетитель ждал бы напрасно
queue-err_window_taken = Окно { $window } уже занято: за ним { $by }

## stats
stats-title = Очередь за { $day } (← → — другой день)
stats-summary = Талонов: { $tickets } · обслужено: { $served } · неявок: { $no_shows } · ещё в очереди или у окон: { $open }
stats-units = Время в минутах: медиана, 90-й процентиль, максимум
stats-served_chart = Обслужено и неявки по очередям
stats-arrivals_chart = Талоны по часам, 8:00–20:00
stats-col_who = Очередь / оператор
stats-col_tickets = Талоны
stats-col_served = Обсл.
stats-col_no_shows = Неяв.
stats-col_wait_med = Жд.мед
stats-col_wait_p90 = Жд.p90
stats-col_wait_max = Жд.max
stats-col_serv_med = Об.мед
stats-col_serv_p90 = Об.p90
stats-col_serv_max = Об.max
stats-total = Всего
stats-title_today = Очередь за { $day }, сегодня (← — предыдущий день)
stats-arrivals_peak = Талоны по часам, больше всего: { $n } в { $hour }:00
stats-no_future = Показателей будущих дней ещё нет: сегодня — последний день

## kiosk
kiosk-title = Электронная очередь
kiosk-saved = Талон сохранён: { $path }
kiosk-not_saved = Талон не сохранён: { $error }
kiosk-printed = Талон напечатан
kiosk-not_printed = Принтер недоступен: { $error }
kiosk-hint_menu = Цифра или ↑↓ и Enter — взять талон · P — приоритет · C — запись по коду
kiosk-hint_priority = ↑↓ и Enter — выбрать · Esc — назад
kiosk-hint_code = Введите код записи и нажмите Enter · Esc — назад
kiosk-hint_ticket = Возьмите талон · Enter — в начало
kiosk-choose = Выберите услугу
kiosk-priority_on = Приоритет
kiosk-appointment = У меня запись (код)
kiosk-priority_title = Приоритетное обслуживание
kiosk-code_title = Код записи
kiosk-your_ticket = Ваш талон
kiosk-wait = Ожидание: ~{ $minutes } мин
kiosk-no_window = Окна сейчас закрыты
kiosk-ahead = Перед вами: { $n }
kiosk-saved_in = Талон сохранён
kiosk-not_saved_in = Талон не сохранён
kiosk-not_printed_on = Принтер недоступен
kiosk-err_unknown_code = Записи с кодом { $code } нет. Проверьте код · Esc — назад
kiosk-err_code_not_valid = Код { $code } сегодня не действует (запись на другой день или уже отмечена). Обратитесь к администратору
kiosk-err_no_queue = Электронная очередь центра не настроена. Обратитесь к администратору
kiosk-err_failed = Не удалось выдать талон. Обратитесь к администратору

## board
board-latest = Вызван талон { $number } → окно { $window }
board-title = Электронная очередь
board-calls = Талон → окно
board-none = Пока никого не вызывали
board-window = окно
board-waiting = Ожидают

## cli
cli-unknown_lang = неизвестный язык «{ $code }»: ru, kk или en

## norm
norm-minutes = { $n } { $n ->
        [one] минута
        [few] минуты
       *[many] минут
    }
norm-hours = { $n } { $n ->
        [one] час
        [few] часа
       *[many] часов
    }
norm-working_days = { $n ->
        [0] в день поступления
       *[other] { $n } { $n ->
            [one] рабочий день
            [few] рабочих дня
           *[many] рабочих дней
        }
    }
norm-calendar_days = { $n ->
        [0] в день поступления
       *[other] { $n } { $n ->
            [one] календарный день
            [few] календарных дня
           *[many] календарных дней
        }
    }

## result_kind
result_kind-positive = положительный результат
result_kind-refusal = мотивированный отказ

## key
key-space = Пробел

## help_section
help_section-global = Везде
help_section-list = Список
help_section-form = Форма
help_section-dialog = Диалог
help_section-intake = Приём
help_section-results = Выдача результатов
help_section-inbox = Входящие
help_section-outbox = Исходящие
help_section-resolutions = Резолюции
help_section-signing = На подпись
help_section-worklist = Мои заявления
help_section-case = Заявление
help_section-queue = Очередь
help_section-queue_stats = Очередь: показатели
help_section-kiosk = Киоск
cli-stale = Заявление { $number } уже изменил пользователь { $by }: посмотрите его (qyzmet app show { $number }) и повторите
cli-output_failed = не удалось вывести результат: { $error }
cli-man_no_dir = { $dir }: нет такого каталога
cli-man_written = Страницы руководства записаны в { $dir }
cli-iin_valid = ИИН { $iin } верен: дата рождения { $born }, пол { $sex }
cli-iin_invalid = ИИН неверен: { $reason }
cli-iin_bad = ИИН { $iin }: { $reason }
cli-sex_male = мужской
cli-sex_female = женский
cli-no_person = Не найдено: в реестре нет человека с ИИН { $iin }
cli-no_application = Не найдено: нет заявления с номером { $number }
cli-bad_moment = «{ $text }» — не дата и время; пишите так: 2026-03-19T10:00
cli-bad_date = «{ $text }» — не дата; пишите так: 2026-03-24
cli-norm_shape = Норма — это число и единица, например «5 working_days»; введено «{ $text }».
cli-norm_value = «{ $text }» — не целое число.
cli-norm_unit = Неизвестная единица «{ $text }».
cli-norm_ambiguous = «{ $text }» неоднозначно: рабочие или календарные дни?
cli-norm_units = Единицы: minutes (минуты), hours (часы), working_days (рабочие дни), calendar_days (календарные дни).
cli-outside_years = { $date } вне лет, которые знает календарь
cli-provisional_year = предупреждение: календарь { $year } года предварительный (дата Курбан айта ещё не объявлена), срок может сдвинуться
cli-catalog_checked = Записей: { $entries }; проблем: { $problems }
cli-catalog_invalid = каталог услуг неверен:
cli-calendar_invalid = данные календаря неверны: { $detail }
cli-unknown_document = Неизвестный документ «{ $doc }» для услуги { $service }
cli-list_due = срок
cli-applications_count = Заявлений: { $n }
cli-backup_written = Резервная копия записана в { $file }; записей: { $n }
cli-file_exists = { $file } уже существует: укажите другой файл или добавьте --force, чтобы заменить его
cli-bad_number = «{ $number }» — не номер заявления; номер выглядит так: KRG-SC-2026-000001 (исходящий: KRG-ED-OUT-2026-000001)
cli-io-not_found = нет такого файла или каталога
cli-io-permission_denied = нет доступа
cli-io-already_exists = файл уже существует
cli-io-is_a_directory = это каталог, а не файл
cli-io-not_a_directory = часть пути — не каталог
cli-io-storage_full = на диске нет места
cli-card-service_id = Услуга (код)
cli-card-applicant = Заявитель
cli-card-phone = Телефон
cli-card-representative = Представитель
cli-card-representative_value = { $name }{ $iin }, доверенность { $poa }
cli-card-channel = Канал
cli-card-submitted = Подано
cli-card-status = Статус
cli-card-step = Текущий этап
cli-card-step_due = Срок этапа
cli-card-overall_due = Общий срок
cli-card-numbers = Номера
cli-card-decision = Решение
cli-card-missing = Нет документов
cli-card-version = Версия
cli-card-history = История
cli-card-assigned = исполнитель { $to }, текст: «{ $text }»
cli-person-phone = Телефон
cli-person-address = Адрес
cli-person-district = Район
cli-service-no_norm = без нормы
cli-service-excluded = ИСКЛЮЧЕНА
cli-service-provider = Услугодатель
cli-service-channels = Каналы
cli-service-total_term = Общий срок
cli-service-results = Результаты
cli-service-positive = положительный
cli-service-refusal = отказ
cli-service-documents = Документы
cli-service-route = Маршрут
cli-service-operator = Оператор Госкорпорации
cli-service-note = Примечание
cli-store_created = Хранилище создано: { $path }
cli-demo_progress = заявления демо-региона
cli-demo_created = Демо-регион: организаций — { $orgs }, заявлений — { $apps }, человек в реестре — { $persons }
cli-demo_users = Пользователи (пароль у всех: { $password }):

## cli: trust (issue 17: encrypted backups, tampering, views, hardening)
cli-backup-plain_warning = внимание: в резервной копии персональные данные (заявлений: { $apps }, человек в реестре: { $persons }) в открытом виде; чтобы зашифровать её, укажите --encrypt-to ПОЛУЧАТЕЛЬ (открытый ключ age, age1...)
cli-backup-bad_recipient = «{ $text }» — не получатель age: нужен открытый ключ, начинающийся с age1
cli-backup-sealed_written = Зашифрованная резервная копия записана в { $file }; записей: { $n }; получателей: { $recipients }
cli-restore-needs_identity = { $file } — зашифрованная резервная копия: укажите --identity ФАЙЛ (ключ age одного из её получателей)
cli-restore-bad_identity = { $identity }: это не файл ключей age (строка AGE-SECRET-KEY-1...)
cli-restore-wrong_identity = { $file }: ни один ключ из { $identity } не открывает эту резервную копию
cli-restore-damaged = { $file }: зашифрованная резервная копия повреждена или обрезана
cli-anchor-none = { $file }: в файле нет ни одной привязки журнала (строки «journal-anchor seq=… hash=…»)
cli-anchor-agree = Журнал совпадает со всеми привязками: { $n }
cli-anchor-missing = привязка к записи { $seq }: такой записи в журнале нет (записей: { $len }) — журнал обрезан или переписан
cli-anchor-differs = привязка к записи { $seq }: хеш записи другой — цепочка журнала переписана
cli-anchor-empty = журнал пуст: привязывать нечего
cli-anchor-syslog_failed = не удалось записать в системный журнал: { $error }
cli-audit-none = Данные человека с ИИН { $iin } никто не просматривал
cli-audit-header = Кто просматривал данные человека с ИИН { $iin }:
cli-audit-application = заявление { $number }
cli-audit-person = запись реестра
cli-audit-applications = их заявления, найденные по ИИН: { $numbers }
cli-audit-count = Просмотров: { $n }
login-rate_limited = Слишком много попыток входа с этой учётной записи компьютера: подождите { $n } с
refusal-over_limit = { $items ->
    [yes] В поле «{ $field }» больше { $max } элементов: сервер его не примет
   *[no] Поле «{ $field }» длиннее { $max } символов: сервер его не примет
}
limit-connections = Слишком много подключений с этой учётной записи компьютера: подождите { $n } с
limit-field-login = логин
limit-field-password = пароль
limit-field-iin = ИИН
limit-field-number = номер
limit-field-service = услуга
limit-field-name = имя
limit-field-phone = телефон
limit-field-org = организация
limit-field-district = район
limit-field-power_of_attorney = доверенность
limit-field-documents = документы
limit-field-result = результат
limit-field-comment = текст
limit-field-centre = центр
limit-field-code = код
limit-field-args = слова команды
limit-field-input = файл
limit-field-queries = отчёты
cli-passwd-wrong_current = Текущий пароль неверен: пароль не изменён (попыток до блокировки учётной записи: { $n })
## ux: typed reasons of refusals (ops::Refusal), one per kind
refusal-no_user = нет пользователя { $login }
refusal-user_disabled = пользователь { $login } отключён
refusal-user_exists = пользователь { $login } уже есть
refusal-bad_login = «{ $login }» не годится как логин (без пробелов и косой черты)
refusal-no_roles = пользователю нужна хотя бы одна роль
refusal-lacks_role = у пользователя { $login } нет роли «{ $role }»
refusal-password_too_short = пароль — не короче { $n } { $n ->
    [one] символа
    *[other] символов
    }
refusal-password_unhashable = пароль не удалось сохранить; попробуйте ещё раз
refusal-no_organisation = нет организации { $code }
refusal-organisation_exists = организация { $code } уже есть
refusal-organisation_missing = организации { $code } пользователя { $login } нет в хранилище
refusal-works_elsewhere = { $login } работает в организации «{ $org }», а не в { $asked }
refusal-store_has_users = в хранилище уже есть пользователи
refusal-unknown_service = нет услуги { $id } в каталоге
refusal-ambiguous_service = у услуги { $id } { $n } { $n ->
    [one] вариант
    [few] варианта
    *[many] вариантов
    }: укажите вариант полностью
refusal-bad_iin = ИИН { $input }: { $reason }
refusal-channel_elsewhere = заявления канала «{ $channel }» принимает { $needs }, а «{ $org }» — { $kind }
refusal-other_region = услуга «{ $service }» оказывается в другом регионе, не там, где «{ $org }»
refusal-no_provider = в районе «{ $district }» и его регионе нет услугодателя для услуги «{ $service }»; добавьте организацию (qyzmet org add)
refusal-several_providers = услугу «{ $service }» могут оказать несколько услугодателей: { $providers }; укажите услуги каждого (qyzmet org add --service)
refusal-no_application = нет заявления с номером { $number }
refusal-not_your_application = заявление { $number } не относится к организации «{ $org }»
refusal-handled_elsewhere = заявление { $number } сейчас на этапе, который выполняет { $role } ({ $kind }); { $login } работает в организации «{ $org }»
refusal-assign_needs_specialist = для назначения нужен исполнитель
refusal-not_specialist_of = { $login } — не исполнитель организации «{ $org }»
refusal-decision_missing = для решения нужно выбрать: положительный результат или отказ
refusal-route_missing = маршрута заявления { $number } нет в каталоге
refusal-steps_from_one = этапы нумеруются с единицы
refusal-nothing_to_return_to = с первого этапа некуда вернуть
refusal-issue_needs_collector = для выдачи нужен ИИН того, кто получает результат
refusal-registry_header = первая строка файла должна называть столбцы: { $columns }
refusal-column_twice = в первой строке столбец { $column } указан дважды; столбцы: { $columns }
refusal-columns_missing = нет столбца { $missing }; первая строка должна называть столбцы: { $columns }; { $shape ->
    [empty] файл пуст
    *[other] первая строка: «{ $line }»
    }
refusal-no_queue = у { $centre } нет электронной очереди; настройте её (qyzmet queue setup)
refusal-not_a_centre = «{ $org }» — { $kind }; электронная очередь бывает только в ЦОН
refusal-window_has_visitor = у окна { $window } посетитель; сначала завершите приём
refusal-no_category = у { $centre } нет категории { $category }
refusal-slot_too_short = запись длится не меньше минуты
refusal-slot_passed = время записи { $start } уже прошло
refusal-no_appointment = нет записи с кодом { $code }
refusal-appointment_at = запись { $code } — на { $slot }
refusal-appointment_used = запись { $code } уже отмечена (талон { $ticket })
refusal-no_ticket = нет талона { $ticket } на сегодня
refusal-not_centre_head = показатели очереди — для руководителя центра; { $login } им не является
refusal-not_an_operator = { $login } — не оператор ЦОН
refusal-no_window = окна { $window } нет в настройках очереди
refusal-nobody_at_window = у окна { $window } никого нет; вызовите следующего
refusal-not_taken_in_here = заявление { $number } принято не в этом центре
refusal-not_the_outcome = заявление { $number } — { $status }, это не итог «{ $outcome }»
refusal-server_runs_no_commands = этот сервер не выполняет команд
refusal-status_for_administrators = состояние сервера — только для его системного пользователя или root
refusal-unexpected_reply = сервер ответил не на тот запрос; повторите действие
refusal-server_store = ошибка хранилища на сервере; сообщите администратору
refusal-demo_inconsistent = демо-регион не удалось создать: его данные не сходятся с каталогом (подробности в журнале программы)
org_kind-provider = услугодатель
org_kind-state_corp = ЦОН
org_kind-akim_office = аппарат акима
org_kind-commission = комиссия
org_kind-local_executive = акимат района (города)

## ux: typed queue refusals and settings problems
queue-err_needs_reason = Укажите причину
queue-err_consultation = У консультации нет номера заявления
queue-err_unknown_category = Нет категории { $category }
queue-err_same_category = Талон { $number } уже в категории { $category }
queue-err_unknown_window = Нет окна { $window }
queue-err_same_window = Талон { $number } уже у окна { $window }
queue-err_serving_needs_call = Приём начинается с вызова посетителя
queue_config-no_categories = нужна хотя бы одна категория
queue_config-no_windows = нужно хотя бы одно окно
queue_config-bad_letter = буква категории «{ $category }» — не латинская заглавная от A до Z
queue_config-category_twice = категория { $category } указана дважды
queue_config-category_unnamed = у категории { $category } нужны русское и казахское названия
queue_config-window_zero = окна нумеруются с единицы
queue_config-window_twice = окно { $window } указано дважды
queue_config-window_idle = окно { $window } не обслуживает ни одной категории
queue_config-window_unknown_category = окно { $window } обслуживает неизвестную категорию { $category }
queue_config-zero_minutes = время до неявки и время приёма — не меньше минуты

## ux: the administrator's commands
cli-no_home = не найден домашний каталог для хранилища; укажите --db PATH
cli-password_missing = пароль не пришёл вместе с командой
cli-password_not_utf8 = пароль — не текст UTF-8
cli-password_unreadable = не удалось прочитать пароль
cli-password_again = ещё раз:{" "}
cli-passwords_differ = пароли не совпадают
cli-password_for = пароль для { $login }:{" "}
cli-password_new_for = новый пароль для { $login }:{" "}
cli-user_added = пользователь { $login } добавлен
cli-user_disabled = пользователь { $login } отключён
cli-user_disabled_mark = отключён
cli-password_changed = пароль пользователя { $login } изменён
cli-not_utf8 = { $file } — не текст UTF-8; сохраните его как «CSV UTF-8»
cli-docs_shape = --docs: all или missing:a,b
cli-representative_shape = --representative: «ФИО;НОМЕР-ДОВЕРЕННОСТИ» или «ФИО;НОМЕР-ДОВЕРЕННОСТИ;ИИН-ПРЕДСТАВИТЕЛЯ»
cli-sound_journal = в порядке: { $n } { $n ->
    [one] запись журнала проверена
    [few] записи журнала проверены
    *[many] записей журнала проверено
    }
cli-sound_store = в порядке: { $n } { $n ->
    [one] заявление
    [few] заявления
    *[many] заявлений
    }, все индексы и журнал проверены
cli-problems_found = { $n ->
    [one] найдена { $n } проблема
    [few] найдены { $n } проблемы
    *[many] найдено { $n } проблем
    }
cli-progress_check = проверка
cli-progress_cells = пересчёт данных отчётов
cli-progress_backup = резервная копия
cli-progress_restore = восстановление
cli-restore_needs_db = для восстановления нужен --db PATH (пустое место)
cli-restored = восстановлено заявлений: { $n }, в { $path }; проверка пройдена
cli-bad_org_code = «{ $code }»: код — латинские буквы, цифры и «-»
cli-org_added = организация { $code } добавлена
cli-queue_set_up = очередь { $centre } настроена
cli-window_closed = закрыто
cli-window = окно { $n }
cli-no_window_open = нет открытых окон
cli-wait_minutes = ~{ $n } мин
cli-ticket_taken = { $number } — { $ru } / { $kk }; впереди: { $ahead }; ожидание: { $wait }
cli-no_window = без окна
cli-waiting_for_window = ждут это окно: { $n }
cli-ticket_line = категория { $category }, взят в { $taken }, окно { $window }, { $operator }
cli-stats_title = { $day }: ожидание и приём в минутах, медиана/90-й процентиль/максимум
cli-stats_head-tickets = талоны
cli-stats_head-served = принято
cli-stats_head-no_shows = неявки
cli-stats_head-transferred = перенапр.
cli-stats_head-cancelled = отменено
cli-stats_head-wait = ожидание
cli-stats_head-service = приём
cli-stats_total = всего
cli-stats_category = категория { $category }
cli-stats_open = ещё не закрыто: { $n }
cli-finish_needs_outcome = для завершения нужен --outcome accepted|refused-intake|issued|consultation
cli-unknown_outcome = неизвестный итог «{ $value }»: accepted, refused-intake, issued или consultation
cli-transfer_needs_to = для перенаправления нужен --to B или --to window:3
cli-transfer_needs_reason = для перенаправления нужен --reason ТЕКСТ
cli-unknown_queue_act = неизвестное действие «{ $value }»: recall, no-show, serve, finish, transfer, break, back-office, available или leave
cli-direct_only = { $command } работает с хранилищем напрямую, не через сервер; остановите сервер (или укажите --db PATH для другого хранилища)
cli-status_needs_server = состояние сообщает работающий сервер: запустите qyzmet serve и укажите --connect SOCKET (или QYZMET_CONNECT)
cli-status-serving = Qyzmet { $version } обслуживает { $store } уже { $s } с
cli-status-disk = хранилище на диске: { $size }
cli-status-unknown = неизвестно
cli-status-memory = память (RSS): { $memory }; потоков: { $threads }
cli-status-connections = соединений: { $n } (вошли: { $signed_in })
cli-status-last_minute = за минуту: запросов { $n }, { $rate } в секунду, p99 { $p99 }
cli-status-notices = уведомлений в очереди: { $queued }, сброшено: { $dropped }; соединений на пересинхронизации: { $resynchronising }, пересинхронизаций: { $resyncs }
cli-status-outboxes = исходящие очереди: самая длинная { $frames } кадров (предел { $limit } уведомлений), всего байт: { $bytes }
refusal-row_unreadable = строку не удалось прочитать как CSV
refusal-row_no_iin = нет ИИН
refusal-row_no_name = нет ФИО
refusal-iin_twice = ИИН { $iin } уже есть в строке { $first }
cli-import_refused = { $file }: ничего не импортировано, { $n ->
    [one] { $n } проблема
    [few] { $n } проблемы
    *[many] { $n } проблем
    }:
cli-import_line = строка { $line }: { $what }
cli-imported = импортировано людей: { $n } (в реестре: { $total })
store_error-locked = Хранилище { $path } занято другим процессом Qyzmet; если его держит сервер, подключитесь через --connect SOCKET (или QYZMET_CONNECT); для нескольких пользователей запустите qyzmet serve
store_error-missing = Хранилища { $path } нет; создайте его: qyzmet init (или qyzmet init --demo)
store_error-exists = Хранилище { $path } уже существует
cli-option_not_here = { $flag } ничего не значит для qyzmet { $command }; уберите его
connect_error-io = Не удалось подключиться к серверу Qyzmet { $path }: { $why }
connect_error-no_server = сервер там не отвечает (запущен ли qyzmet serve?)
connect_error-permission = нет доступа к сокету (нужна группа сервера)
connect_error-broken = соединение прервалось
connect_error-refused = Сервер { $path } отказал этому клиенту: { $reason }
connect_error-sources = Каталог или календарь сервера неверны: { $detail }
refusal-password_one_kind = пароль должен состоять из знаков двух видов: букв, цифр, других знаков
refusal-password_is_login = пароль не может совпадать с логином
## Отчёты (задача 16): группировки, столбцы, причины прогноза, команда report
report-group-total = Итого
report-group-region = Регион
report-group-org = Организация
report-group-service = Услуга
report-group-step = Этап
report-group-person = Сотрудник
report-col-received = Поступило
report-col-completed = Исполнено
report-col-completed_on_time = Исполнено в срок
report-col-on_time_share = В срок
report-col-overdue_now = Просрочено сейчас
report-col-refused_at_intake = Отказано в приёме
report-col-refused_motivated = Мотивированные отказы
report-col-withdrawn = Отозвано
report-col-steps_completed = Этапов выполнено
report-col-steps_on_time = Этапов в срок
report-col-step_on_time_share = Этапов в срок, доля
report-col-norm = Норма
report-col-median = Медиана
report-col-p90 = 90-й процентиль
report-col-max = Максимум
report-col-number = Номер
report-col-service = Услуга
report-col-step = Этап
report-col-holder = У кого
report-col-started = Этап начат
report-col-due = Срок этапа
report-col-state = Состояние
report-col-amount = Просрочено на / осталось
report-col-ahead = Впереди
report-col-pace = Выполняют в день
report-col-expected = Ожидается
report-col-overall_due = Общий срок
report-col-misses = Будет нарушен
report-col-reason = Почему
report-misses-step = срок этапа
report-misses-overall = общий срок
report-misses-both = срок этапа и общий срок
report-ahead = { $n ->
    [0] впереди никого
    [one] впереди { $n } заявление
    [few] впереди { $n } заявления
   *[other] впереди { $n } заявлений
}
report-reason-person = { $ahead } у этого исполнителя, который выполняет { $pace } в день
report-reason-office = { $ahead } в очереди «{ $role }» ({ $org }), там выполняют { $pace } в день
report-reason-stalled = { $ahead } у «{ $holder }», где за последние { $days } рабочих дней этот этап никто не выполнил
cli-report-title = { $kind } за { $from } – { $to } (рабочих дней: { $days }), на { $now }
cli-report-kind-compliance = Соблюдение сроков
cli-report-kind-overdue = Просроченные и под угрозой
cli-report-kind-forecast = Прогноз нарушений
cli-report-kind-steps = Время этапов против норм
cli-report-forbidden = { $login } не может читать отчёты: руководитель услугодателя читает отчёты своей организации, руководитель центра — своего центра, куратор региона — региона
cli-report-outside = { $org } — вне того, что этому пользователю можно читать
cli-report-none = Отчитываться не о чем.
cli-report-written = Записан файл { $path }
cli-report-progress = заявлений прочитано
cli-report-bad_period = укажите --from и --to (даты вида 2026-03-01) или --period
cli-report-bad_delimiter = разделитель — один символ, например ';' или ','
report-region-karaganda = Карагандинская область
report-region-west_kazakhstan = Западно-Казахстанская область
report-region-zhambyl = Жамбылская область
refusal-reports_not_for_role = { $login } не читает отчёты: руководитель видит отчёты своей организации, супервайзер региона — всего региона
refusal-report_outside_scope = организация { $code } вне того, что этот пользователь может видеть в отчётах
## routes (issue 13): conditional steps, channel endings, intake checks
cli-service-when_approved = только при положительном решении
cli-service-when_refused = только при отказе
cli-service-notice = уведомление на портале
result_kind-notice = уведомление о готовности результата
error-result_not_on_channel = Результат «{ $result }» не выдаётся по заявлениям, принятым через канал «{ $channel }»
case-ev_intake_refused_expired = отказ в приёме: не представлены — { $docs }; с истекшим сроком действия — { $expired }
cli-expired_not_handed_in = Документ «{ $doc }» отмечен как просроченный, но не представлен (или его нет в перечне услуги)
error-no_person_data = Невозможно получить данные услугополучателя: ИИН { $iin } нет в ГБД ФЛ (реестре физических лиц). Заявление не принимается.
outcome-no_person_data = нет данных в ГБД ФЛ
error-provider_in_locality = Через акима сельского округа услуга оказывается только при отсутствии услугодателя по месту жительства, а в «{ $district }» он есть: { $provider }. Обратитесь к услугодателю или в Госкорпорацию.

## Why a change does not fit the application (domain::unfit)
unfit-name_empty = Не указано ФИО заявителя
unfit-expired_not_handed_in = Документ «{ $doc }» отмечен просроченным, но не сдан
unfit-other_service = Заявление подано на другую услугу ({ $service })
unfit-route_missing = Маршрута { $route } нет в каталоге
unfit-refuse_only_at_intake = Отказать в приёме можно только до того, как заявление пошло дальше
unfit-name_missing_documents = Укажите недостающие документы
unfit-withdrawal_needs_reason = Для отзыва нужна причина, которую назвал заявитель
unfit-registration_number_empty = Регистрационный номер пуст
unfit-result_goes_to_counter = Результат передаётся в Госкорпорацию для выдачи под исходящим номером
unfit-name_specialist = Укажите ответственного исполнителя
unfit-act_empty = Текст акта или заключения пуст
unfit-refusal_needs_reasons = Мотивированный отказ должен содержать основания
unfit-return_only_in_progress = Вернуть можно только шаг, который сейчас выполняется
unfit-not_earlier_step = Шаг { $step } — не предыдущий
unfit-return_needs_comment = Укажите, что исправить: возврат требует комментария
unfit-step_not_taken = Шаг { $step } не проходится после такого решения

## cli: a command through a server, refused there (remote_cli)
cli-remote-drop_sources = через сервер хранилище, каталог и календарь выбирает сервер: уберите --db, --catalog и --calendar
cli-remote-no_command = не указана команда
cli-remote-not_served = эта команда не выполняется через сервер
cli-remote-only_server_user = нет прав: эту команду может выполнить только пользователь ОС сервера ({ $user } — нет)
cli-remote-mapped_elsewhere = нет прав: ваш пользователь ОС { $user } сопоставлен с { $mine }, а команда действует от имени { $wanted }
cli-remote-no_user = ни один пользователь Qyzmet
cli-remote-nobody = никто (добавьте --as ЛОГИН)
cli-password_current_for = текущий пароль { $login }:{" "}

## store: a PostgreSQL database (issue 15, pg)
store_error-pg-bad_url = { $at }: это не адрес PostgreSQL
store_error-pg-unreachable = Сервер PostgreSQL по адресу { $at } не отвечает: проверьте, что он запущен, и адрес с портом
store_error-pg-refused = PostgreSQL по адресу { $at } не принял пользователя или пароль
store_error-pg-no_database = В PostgreSQL по адресу { $at } нет такой базы данных: создайте её (createdb) или проверьте имя
store_error-pg-not_allowed = PostgreSQL по адресу { $at } не разрешает пользователю то, что нужно хранилищу
store_error-pg-newer = База данных { $at } подготовлена более новой версией Qyzmet (схема { $have }, эта версия знает { $known }); обновите Qyzmet
store_error-pg-unsafe = PostgreSQL по адресу { $at } работает с { $setting }: изменение, о котором сообщено, может пропасть; включите эту настройку
store_error-pg-commit_unknown = Связь с { $at } прервалась во время сохранения изменения: оно могло сохраниться, а могло и нет; посмотрите ещё раз
store_error-pg-failed = PostgreSQL по адресу { $at }: { $why }
cli-migrate_progress = копирование
cli-migrate_source_unsound = Копируемое хранилище не проходит проверку; ничего не скопировано:
cli-migrated = скопировано заявлений: { $n }, записей журнала: { $entries }, из { $from } в { $to }; проверка и цепочка журнала в порядке с обеих сторон, копия совпадает с оригиналом
## reports (issue 16): the workstation's Reports pane and its period picker
pane-reports = Отчёты
help_section-reports = Отчёты
action-next_view = Следующий отчёт: сроки, просроченные, прогноз
action-prev_view = Предыдущий отчёт
action-choose_period = Выбрать период
period-today = сегодня
period-this-month = этот месяц
period-last-month = прошлый месяц
period-this-quarter = этот квартал
period-last-quarter = прошлый квартал
period-this-year = этот год
reports_pane-title = Отчёты: { $period }
reports_pane-view_compliance = Соблюдение сроков
reports_pane-view_overdue = Просроченные
reports_pane-view_forecast = Прогноз нарушений
reports_pane-too_small = Для отчётов мало места: увеличьте окно терминала.
reports_pane-loading = Отчёты читаются…
reports_pane-empty = За этот период здесь нет заявлений.
reports_pane-no_forecast = Нарушений сроков не ожидается.
reports_pane-no_late = Просроченных и срочных заявлений нет.
reports_pane-nothing_in_period = За этот период заявлений не было.
reports_pane-summary = Поступило { $received } · исполнено { $completed }, в срок { $share } · просрочено сейчас { $overdue }
reports_pane-late_by = просрочено на { $amount }
reports_pane-left = осталось { $amount }
reports_pane-open_group = Enter — подробнее, Esc — назад
reports_pane-open_person = Enter — просроченные заявления сотрудника
reports_pane-nothing = Здесь нечего открыть.
reports_pane-chart_shares = В срок по услугам
reports_pane-chart_nothing = Нет данных за период.
reports_pane-chart_daily = Исполнено по дням: всего { $total }, за день до { $peak }
reports_pane-chart_steps = Время этапов против нормы
reports_pane-chart_pick_service = Выберите услугу, чтобы увидеть время её этапов.
reports_pane-chart_steps_of = Этапы: { $service } (середина полосы — норма)
reports_pane-unit_minutes = { $n } мин
reports_pane-unit_hours = { $n } ч
reports_pane-unit_working_days = { $n } раб. дн.
reports_pane-unit_calendar_days = { $n } кал. дн.
reports_pane-bad_date = «{ $text }» — не дата: пишите 01.11.2026
reports_pane-reversed = Период кончается раньше, чем начинается.
reports_pane-period_title = Период отчёта
reports_pane-period_dates = свои даты…
reports_pane-period_from = С
reports_pane-period_to = По
reports_pane-median = медиана
reports_pane-p90 = 90 %
reports_pane-max = макс.
reports_pane-step_norm = { $step } · норма { $norm }
## routes (issue 13, ЕНИС): powers of attorney
case-ev_power_checked = доверенность № { $number } проверена в ЕНИС: представитель ИИН { $representative }, нотариус { $notary }, действует с { $from } по { $until }
unfit-power_not_in_enis = В ЕНИС нет доверенности № { $number }, выданной заявителем: данные доверенности получить невозможно, заявление не принимается
unfit-power_other_representative = Доверенность № { $number } выдана другому представителю (ИИН { $iin }): заявление не принимается
unfit-power_not_yet_valid = Доверенность № { $number } действует только с { $date }: заявление не принимается
unfit-power_expired = Срок действия доверенности № { $number } истёк { $date }: заявление не принимается
unfit-power_needs_representative_iin = Нотариальная доверенность № { $number } проверяется в ЕНИС по ИИН представителя: укажите его
refusal-row_no_value = не заполнено: { $column }
refusal-row_bad_date = { $column }: «{ $value }» — не дата (ГГГГ-ММ-ДД или ДД.ММ.ГГГГ)
refusal-row_period = срок действия кончается раньше, чем начинается
refusal-power_twice = доверенность № { $number } уже есть в строке { $first }
refusal-principal_unknown = доверителя с ИИН { $iin } нет в реестре физических лиц: сначала добавьте его в реестр
power_column-number = номер доверенности
power_column-principal_iin = ИИН доверителя
power_column-representative_iin = ИИН представителя
power_column-valid_from = начало срока действия
power_column-valid_until = конец срока действия
power_column-notary = нотариус
cli-powers_imported = импортировано доверенностей: { $n }
intake-notarised = Нотар. доверенность
intake-notarised_yes = да
intake-notarised_no = нет
refusal-no_local_executive = в регионе нет местного исполнительного органа (акимата) района { $district }, а маршрут услуги передаёт ему решение: добавьте его

## routes (issue 13): a step's acts beside its decision
case-act = акт
unfit-act_text_missing = Решение принимается вместе с документом «{ $act }»: впишите его текст
unfit-act_not_of_step = На этом шаге не составляется документ { $act }
decide-act = { $act }:
cli-act_shape = --act: «ИД=ТЕКСТ», например inspection_act=Условия проживания удовлетворительные
## trust (issue 17): the region supervisor, who may open a store
refusal-supervisor_reads_no_cases = { $login } — супервайзер региона: ему доступны только отчёты, не заявления и не сведения о людях
store_error-denied = Хранилище { $path } недоступно этому пользователю ОС: его файлы принадлежат серверу; выполните команду через сервер (--connect SOCKET)
store_error-stuck = Сохранённое изменение не удалось записать в файлы хранилища ({ $detail }). Перезапустите Qyzmet: при открытии хранилища он применит сохранённые изменения заново
## routes (issue 13 item 5): the State Corporation's part on its own clock
case-ev_visit_called = вызван талон { $ticket } в { $time }
case-counter = Часть Госкорпорации (её рабочие минуты, норма регламента):
case-counter_none = часть Госкорпорации не хронометрирована (вызов посетителя не записан)
case-counter_phase = { $phase }: { $minutes } мин, норма { $norm } мин — { $verdict }
case-counter_phase_no_norm = { $phase }: { $minutes } мин — регламент не указывает минут
counter-visit = посещение, от вызова до приёма
counter-transfer = направление услугодателю, до его регистрации
counter-issue = выдача, от вызова до выдачи результата
counter-within = в пределах минут регламента
counter-over = сверх минут регламента
counter-under_way = выполняется
cli-stats_within_norm = посещений в пределах минут регламента: { $within } из { $timed } хронометрированных
## trust (issue 17): the password dialog
action-change_password = Сменить свой пароль
password-title = Смена моего пароля
password-policy = Не короче { $n } символов, двух видов (буквы, цифры, знаки)
password-current = Текущий пароль
password-new = Новый пароль
password-repeat = Новый ещё раз
password-need_current = Введите текущий пароль
password-differ = Новые пароли не совпадают: введите ещё раз
password-same = Новый пароль совпадает с текущим
password-wrong_current = Текущий пароль неверен: пароль не изменён (попыток до блокировки учётной записи: { $n })
password-changed = Ваш пароль изменён

## routes (issue 13): the result's receipt at the State Corporation's centre (000:125-135)
step-receive = отметка о получении результата в центре
action-receive = Отметить получение результата
results-receive_title = Получение результата { $number } в центре
results-mark = Отметка в журнале центра (номер записи)
results-need_mark = Введите отметку, сделанную в журнале центра
results-confirm_receive = Отметить получение результата { $number } в журнале центра: { $mark }?
results-received = Получение результата { $number } отмечено
case-ev_received = результат получен в центре, отметка в журнале: { $mark }
case-ev_received_under = результат исх. № { $number } получен в центре, отметка в журнале: { $mark }
counter-receipt = получение в центре, от передачи услугодателем до отметки в журнале
unfit-receipt_needs_mark = Укажите отметку, сделанную в журнале центра о получении результата
unfit-already_received = Центр уже отметил получение этого результата
unfit-not_received_yet = Центр ещё не отметил получение результата: сначала отметьте его в журнале, затем выдавайте
unfit-receipt_only_at_centre = Получение отмечает только центр Госкорпорации, которому услугодатель передал результат
stats-within_norm = Посещений в пределах минут регламента: { $within } из { $timed } хронометрированных
