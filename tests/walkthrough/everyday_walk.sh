#!/usr/bin/env bash
# Everyday walk-through of NK Desk, driven like a new user would drive it:
# a real window under Xvfb, keys and typing through xdotool, numbered screenshots.
#
#   tests/walkthrough/everyday_walk.sh [SHOTS_DIR]      (default /tmp/walk/shots)
#
# Not part of pytest. Needs Xvfb, xdotool, ImageMagick (import) and, for focus
# handling, openbox. Every run starts from a fresh data folder under /tmp/walk/.
# The screenshots are meant to be LOOKED AT afterwards; the script only records.

set -u

SHOTS="${1:-/tmp/walk/shots}"
ROOT=/tmp/walk
DATA="$ROOT/data"
FILES="$ROOT/files"
LOG="$ROOT/app.log"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DISPLAY_NUM="${WALK_DISPLAY:-:99}"
PASSWORD='zielone jabłko na wiosnę'
OTHER_PASSWORD='zielone jablko na wiosne'

XVFB_PID=""
WM_PID=""
APP_PID=""
SHOT_NO=0

# ---------------------------------------------------------------- helpers

log() { printf '[walk] %s\n' "$*"; }

shot() {  # shot NAME — a numbered screenshot of the whole screen
    SHOT_NO=$((SHOT_NO + 1))
    local file
    file=$(printf '%s/%02d-%s.png' "$SHOTS" "$SHOT_NO" "$1")
    sleep 0.4
    import -window root "$file" 2>/dev/null || log "screenshot failed: $file"
    log "shot $(basename "$file")  [active: $(active_title)]"
}

active_title() { xdotool getactivewindow getwindowname 2>/dev/null || echo "?"; }

key() { xdotool key --clearmodifiers "$@"; sleep 0.25; }

# Polish letters go through xdotool's temporary key mapping; a slower delay and a
# pause before typing keep them from being dropped (seen once at delay 40).
# xdotool needs a UTF-8 locale that exists (pl_PL may be missing on a test box).
say() { sleep 0.2; LC_ALL=C.UTF-8 xdotool type --delay 70 -- "$1"; sleep 0.3; }

wait_window() {  # wait_window REGEX [SECONDS] — until a visible window has that title
    local pattern="$1" seconds="${2:-20}" id
    id=$(timeout "$seconds" xdotool search --sync --onlyvisible --name "$pattern" 2>/dev/null | head -1)
    if [ -z "$id" ]; then
        log "WINDOW NOT SEEN: $pattern"
        return 1
    fi
    echo "$id"
}

activate() {  # activate REGEX — bring that window to the front and give it the keyboard
    local id
    id=$(wait_window "$1" 10) || return 1
    xdotool windowactivate --sync "$id" 2>/dev/null
    sleep 0.5
}

expect_active() {  # expect_active REGEX WHAT — note in the log when another window is in front
    local title
    title=$(active_title)
    if [[ "$title" =~ $1 ]]; then
        log "ok: $2 ($title)"
    else
        log "UNEXPECTED: $2 — active window is '$title'"
    fi
}

start_everything() {
    mkdir -p "$SHOTS" "$FILES"
    rm -f "$SHOTS"/*.png
    rm -rf "$DATA"
    Xvfb "$DISPLAY_NUM" -screen 0 1400x900x24 -nolisten tcp >"$ROOT/xvfb.log" 2>&1 &
    XVFB_PID=$!
    export DISPLAY="$DISPLAY_NUM"
    sleep 1.5
    if command -v openbox >/dev/null; then
        openbox >"$ROOT/openbox.log" 2>&1 &
        WM_PID=$!
        sleep 1
    fi
    # A small "scan" to attach to the NK-A (ImageMagick's policy forbids writing PDF).
    convert -size 600x800 xc:white -pointsize 28 \
        -draw "text 40,100 'Skan NK-A (dane fikcyjne)'" "$FILES/skan-nka.png"
    # shellcheck disable=SC1091
    source "$REPO/.venv/bin/activate"
    export PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring
    LANG=pl_PL.UTF-8 nkdesk --data-dir "$DATA" >"$LOG" 2>&1 &
    APP_PID=$!
    log "nkdesk pid $APP_PID, data $DATA, shots $SHOTS"
}

stop_everything() {
    [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null
    sleep 1
    [ -n "$WM_PID" ] && kill "$WM_PID" 2>/dev/null
    [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null
    wait 2>/dev/null
    log "stopped; screenshots in $SHOTS"
}
trap stop_everything EXIT

# ---------------------------------------------------------------- the eight tasks

# 1. First run: the user goes through the wizard — office data, a password typed
#    twice (first two different ones, then the same), the recovery code page —
#    and arrives in the main window.
task_first_run() {
    log "== 1. first run wizard"
    activate 'pierwsze uruchomienie' || return
    shot wizard-welcome
    key Return
    say 'Przykładowo'
    key Tab
    say 'GOPS w Przykładowie'
    key Tab
    say 'Anna Żółkiewska'
    shot wizard-office
    key Return
    say "$PASSWORD"
    key Tab
    say "$OTHER_PASSWORD"
    shot wizard-passwords-differ          # expect „Hasła nie są takie same.”, Dalej disabled
    key ctrl+a
    say "$PASSWORD"
    shot wizard-passwords-match
    key Return                            # creates the encrypted database
    sleep 8
    shot wizard-recovery-code
    key Tab Tab space                     # Drukuj → Zapisz → the confirmation check box
    shot wizard-recovery-confirmed
    key Return                            # Zakończ
    wait_window '^NK Desk — GOPS' 30 >/dev/null
    sleep 2
    shot main-window-empty
}

# 2. The user registers a new procedure (Ctrl+N, start date typed as 5.3.2026) and,
#    in its window, adds the victim (address „nie ujawniać”), the perpetrator (a
#    wrong PESEL first, then the right one) and two children; Escape in the person
#    dialog must ask „Zapisać zmiany?” (Anuluj once, then save).
task_new_procedure() {
    log "== 2. new procedure and people"
    activate '^NK Desk — GOPS' || return
    key ctrl+n
    wait_window 'Nowa procedura' >/dev/null || return
    sleep 1
    key alt+Down                          # the calendar pop-up, as the guide says
    shot new-procedure-calendar
    key Escape                            # closes only the pop-up
    expect_active 'Nowa procedura' "Escape in the calendar keeps the dialog open"
    say '5.3.2026'
    shot new-procedure-date               # expect „czwartek, 5 marca 2026” beside the field
    key Return                            # Enter moves on, must not register yet
    expect_active 'Nowa procedura' "Enter in the date field does not save"
    key ctrl+Return
    wait_window '^Procedura NK/' >/dev/null || return
    sleep 1.5
    shot procedure-window
    key alt+3                             # Osoby

    # The victim, with a withheld address.
    key alt+o
    wait_window 'Nowa osoba w procedurze' >/dev/null || return
    sleep 1
    say 'Małg'                            # typed straight away: where does it land?
    shot person-dialog-typed-at-once
    key alt+i ctrl+a                      # Imię (by its Alt letter)
    say 'Małgorzata'
    key Tab
    say 'Małecka'
    key Tab Tab Tab Tab Tab space         # PESEL, date, Płeć … „Dodaj adres…”
    wait_window '^Adres$' >/dev/null
    sleep 0.5
    key Tab
    say 'ul. Słoneczna 7/3'
    key Tab
    say '99100'
    key Tab
    say 'Przykładowo'
    key Tab space                         # „nie ujawniać (np. adres schronienia)”
    shot address-withheld
    key ctrl+Return
    sleep 1
    shot victim-filled
    key Escape                            # must ask „Zapisać zmiany?”
    sleep 1
    shot escape-asks-save
    key Escape                            # = Anuluj: back in the form, nothing lost
    expect_active 'Nowa osoba' "Anuluj keeps the person dialog open"
    shot after-anuluj
    key ctrl+Return
    sleep 2
    # The perpetrator, PESEL typed wrong first.
    key alt+o
    wait_window 'Nowa osoba w procedurze' >/dev/null || return
    sleep 1
    key alt+r Down                        # Rola: osoba stosująca przemoc
    key alt+i
    say 'Paweł'
    key alt+n
    say 'Małecki'
    key alt+p
    say '85041201235'
    shot pesel-wrong                      # expect a red explanation
    key BackSpace
    say '4'
    shot pesel-corrected                  # red text gone, birth date and sex filled in
    key ctrl+Return
    sleep 2
    # Two children: first name, surname, birth date. For the first one the user tries
    # the underlined letter of „Data urodzenia” (Alt+U) and looks where the date went.
    local child first last born
    for child in 'Zofia:Małecka:3.7.2015' 'Jaś:Małecki:14.2.2019'; do
        IFS=: read -r first last born <<<"$child"
        key alt+o
        wait_window 'Nowa osoba w procedurze' >/dev/null || return
        sleep 1
        key alt+r Down Down               # Rola: członek gospodarstwa domowego / dziecko
        key alt+i
        say "$first"
        key alt+n
        say "$last"
        if [ "$first" = 'Zofia' ]; then
            key alt+u
            say "$born"
            shot child-alt-u-date         # the date should be in „Data urodzenia”
            key alt+n ctrl+a              # whatever happened, put the surname right
            say "$last"
        fi
        key Tab Tab                       # PESEL → Data urodzenia
        key ctrl+a
        say "$born"
        shot "child-${born//./-}"
        key ctrl+Return
        sleep 2
    done
    shot people-list
}

# 3. The user fills the first NK-A on the „Formularze NK-A” tab (the date must default
#    to the procedure's start, 05.03.2026) and attaches a scan in „Załączniki” through
#    the Qt file dialog.
task_nka() {
    log "== 3. NK-A with a scan"
    activate '^Procedura NK/' || return
    key alt+4
    shot nka-tab-empty
    key alt+d
    wait_window 'Nowy formularz NK-A' >/dev/null || return
    sleep 1.5
    shot nka-new                          # Data wypełnienia should read 05.03.2026
    key alt+s Down                        # Służba: pracownik socjalny OPS
    key alt+n
    say 'Anna Żółkiewska'
    key alt+m
    say 'Przykładowo, ul. Łąkowa 2'
    shot nka-header-filled
    key alt+p                             # „Dodaj plik…” in Załączniki
    wait_window 'Dodaj załączniki' >/dev/null || return
    sleep 1
    shot nka-file-dialog
    say "$FILES/skan-nka.png"
    key Return
    sleep 1.5
    xdotool mousemove 500 560
    xdotool click --repeat 60 --delay 15 5    # scroll the long form to Załączniki
    sleep 0.5
    shot nka-attachment-listed
    key ctrl+Return
    sleep 3
    shot nka-saved
}

# 4. The user writes down a phone call in the chronology: Enter in the title moves
#    to the next field (does not save), Ctrl+Enter saves.
task_phone_note() {
    log "== 4. phone call in the chronology"
    activate '^Procedura NK/' || return
    key alt+5
    key alt+d
    wait_window 'Nowy wpis chronologii' >/dev/null || return
    sleep 1
    say '27.11.2026'
    key Tab Down Down                     # notatka → wizyta → rozmowa telefoniczna
    key Tab
    say 'Telefon od pedagoga szkolnego'
    key Return                            # must move on to Treść
    expect_active 'Nowy wpis chronologii' "Enter in the title does not save"
    say 'Pedagog zgłasza, że Zofia była smutna i nie chciała wracać do domu.'
    shot phone-note-filled
    key ctrl+Return
    sleep 2
    shot chronology-list
    key ctrl+w                            # close the procedure window
    sleep 1
}

# 5. The user adds the police station with a contact person „dzielnicowy” on the
#    Instytucje page (Ctrl+3): 99100 must become 99-100, a wrong e-mail must say why.
task_institution() {
    log "== 5. institutions"
    activate '^NK Desk — GOPS' || return
    key ctrl+3
    shot institutions-empty
    key ctrl+n
    wait_window 'Nowa instytucja' >/dev/null || return
    sleep 1
    say 'Komisariat Policji w Przykładowie'
    key Tab Down                          # Rodzaj: Policja
    key Tab
    say 'ul. Kościuszki 12'
    key Tab
    say '99100'
    key Tab
    say 'Przykładowo'
    key Tab
    say '47 123 45 67'
    key Tab
    say 'komisariat@przykladowo'
    key Tab
    shot institution-postal-and-email     # expect 99-100 and a reason under the e-mail
    key alt+e End
    say '.pl'
    key Tab
    shot institution-email-fixed
    key alt+d                             # „Dodaj osobę…”
    wait_window 'Nowa osoba kontaktowa' >/dev/null || return
    sleep 1
    say 'Tomasz'
    key Tab
    say 'Wójcik'
    key Tab
    say 'dzielnicowy'
    key Tab
    say '600 100 200'
    key Tab
    say 't.wojcik.policja.gov.pl'
    key Tab
    shot contact-email-wrong
    key alt+e ctrl+a
    say 't.wojcik@policja.gov.pl'
    shot contact-email-fixed
    key ctrl+Return
    sleep 1
    shot institution-with-contact
    key ctrl+Return
    sleep 2
    shot institutions-list
}

# 6. On the Sprawy page (Ctrl+1) the user searches without Polish letters
#    („malecka” for Małecka), Enter opens the first result; a search that finds
#    nothing must say so.
task_search() {
    log "== 6. search"
    activate '^NK Desk — GOPS' || return
    key ctrl+1
    key ctrl+f ctrl+a
    say 'malecka'
    sleep 1
    shot search-malecka
    key Return
    wait_window '^Procedura NK/' 10 >/dev/null
    sleep 1.5
    shot search-enter-opened
    key ctrl+w
    sleep 1
    activate '^NK Desk — GOPS' || return
    key ctrl+1
    key ctrl+f ctrl+a
    say 'Kowalski'
    sleep 1.5
    shot search-nothing-found
    key ctrl+a BackSpace
    sleep 1
}

# 6b. The user creates the GDP of NK/1/2026 with the police officer from the directory
#     (he has no confidentiality statement: the program asks), then a GDP meeting:
#     first with the victim and the perpetrator together (refused, nothing typed is
#     lost), then with the victim only.
task_gdp_meeting() {
    log "== 6b. GDP and its meeting"
    activate '^NK Desk — GOPS' || return
    key ctrl+1
    key ctrl+f ctrl+a
    say 'NK/1'
    key Return
    wait_window '^Procedura NK/' 10 >/dev/null || return
    sleep 1.5
    key alt+7
    sleep 1
    shot gdp-tab-empty
    key alt+u                             # „Utwórz grupę…”
    wait_window 'Utworzenie grupy' >/dev/null || return
    sleep 1
    key alt+s                             # Szukaj
    say 'dzielni'
    key alt+c space                       # Członkowie: tick the first one shown
    shot gdp-dialog-ticked
    key alt+z
    sleep 1
    shot gdp-confidentiality-question
    key alt+t                             # „Tak”
    sleep 2
    shot gdp-tab-created
    key alt+n                             # „Nowe posiedzenie…”
    wait_window 'Posiedzenie GDP' >/dev/null || return
    sleep 1
    say "$(date -d '+2 days' +%d.%m.%Y)"    # after the group, created today
    key Tab                               # into the hour (Tab inside it goes to minutes)
    say '1030'                            # Godziny: from 10:30
    key alt+m
    say 'GOPS, pokój 4'
    key alt+c                             # Uczestnicy
    key Down space Down space             # tick the victim and the perpetrator
    key alt+o
    say 'Diagnoza sytuacji rodziny'
    shot meeting-typed
    key alt+z
    sleep 1
    shot meeting-confidentiality-question
    key alt+t
    sleep 2
    shot meeting-refused-victim-and-perpetrator
    key alt+c space                       # untick the perpetrator (the row in focus)
    key alt+z
    sleep 1
    key alt+t
    sleep 2
    shot meeting-saved-gdp-tab
    key alt+1
    sleep 1
    shot overview-after-meeting
    key ctrl+w
    sleep 1
}

# 7. The user locks (Ctrl+L) with a procedure window open, types a wrong password,
#    uses the show-password button, then the right password.
task_lock() {
    log "== 7. lock and unlock"
    activate '^NK Desk — GOPS' || return
    key ctrl+f ctrl+a
    say 'NK/1'
    key Return                            # open the procedure again, to see it covered
    wait_window '^Procedura NK/' 10 >/dev/null
    sleep 1
    key ctrl+l
    sleep 1.5
    shot locked-from-procedure-window
    activate '^NK Desk — GOPS'
    shot locked-main
    say 'złe hasło'
    key Return
    sleep 4
    shot lock-wrong-password
    key Tab space                         # „Pokaż”
    shot lock-password-shown
    key shift+Tab ctrl+a
    say "$PASSWORD"
    shot lock-right-password-typed
    key Return
    sleep 5
    shot unlocked
    activate '^Procedura NK/' && { key ctrl+w; sleep 1; }
}

# 8. The user presses F1 and reads the user guide, the „Klawisze” and „Daty” sections.
task_help() {
    log "== 8. help"
    activate '^NK Desk — GOPS' || return
    key F1
    local id
    id=$(wait_window 'podręcznik użytkownika') || return
    sleep 1.5
    shot help-opened
    # Into the contents tree (a click in its empty lower part), then type-ahead + Enter.
    eval "$(xdotool getwindowgeometry --shell "$id")"
    xdotool mousemove $((X + 100)) $((Y + 550)) click 1
    sleep 0.5
    say 'Klaw'
    key Return
    sleep 1
    shot help-klawisze
    sleep 1.5                             # let the tree's type-ahead forget „Klaw”
    say 'Dat'
    key Return
    sleep 1
    shot help-daty
    key Escape
    sleep 1
    shot help-closed
}

# ---------------------------------------------------------------- run

start_everything
sleep 6
task_first_run
task_new_procedure
task_nka
task_phone_note
task_institution
task_search
task_gdp_meeting
task_lock
task_help
log "done"
