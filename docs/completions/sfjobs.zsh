#compdef sfjobs

__sfjobs_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__sfjobs_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __sfjobs_complete "${completions[@]:0:-1}"
    fi
}

__sfjobs_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_sfjobs() {
    emulate -RL zsh -G
    setopt extendedglob nullglob numericglobsort
    unsetopt aliases banghist

    local -xr SAP_SHELL=zsh
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(builtin emulate zsh -c 'printf %s "${ZSH_VERSION}"')"
    local -r SAP_SHELL_VERSION

    local context state state_descr line
    local -A opt_args

    local -r command_name="${words[1]}"
    local -ar command_line=("${words[@]}")
    local -ir current_word_index="$((CURRENT - 1))"

    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'run:Run a Lua script (FILE, - for standard input, or -e chunks), once or on a schedule.'
            'repl:Start the interactive Lua session (after running FILE with -i).'
            'job-info:Show a job'\''s status.'
            'close-job:Close (or abort) a job.'
            'jobs:List jobs.'
            'config:List or show connection profiles (secrets masked).'
            'demo:Start a REPL connected to a local simulated org (no credentials needed).'
            'simulator:Serve a simulated Salesforce org on 127.0.0.1 and print its export lines.'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        run|repl|job-info|close-job|jobs|config|demo|simulator|help)
            "_sfjobs_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_sfjobs_run() {
    local -i ret=1
    local -ar ___log_level=('trace' 'debug' 'info' 'notice' 'warning' 'error' 'critical')
    local -ar arg_specs=(
        '--profile[A named profile from $XDG_CONFIG_HOME/sfjobs/config.toml.]:profile:'
        '--target-org[Use the login of a Salesforce CLI org alias (`sf org display`).]:target-org:'
        '--api-version[Salesforce API version (default 66.0).]:api-version:'
        '--dry-run[Send no state-changing request; report what would be done.]'
        '--log-level[trace, debug, info, notice, warning (or warn), error or critical, any case.]:log-level:{__sfjobs_complete "${___log_level[@]}"}'
        '--log-format[text or json (default\: text on a terminal, json otherwise).]:log-format:'
        '--every[Run every D (500ms, 30s, 5m, 1h30m); the first run starts at once.]:D:'
        '--cron[Run at the minutes a five-field cron expression names, in local time (TZ).]:EXPR:'
        '--jitter[Delay each scheduled start by a random time up to D.]:D:'
        '--run-timeout[Interrupt a run after D (exit status 124 for a one-shot run).]:D:'
        '--max-runs[End the schedule after N runs, with the last run'\''s exit status.]:N:'
        '--grace[On SIGTERM/SIGINT, let the current run finish within D, then interrupt it (default 30s).]:D:'
        '--lock[Hold an exclusive lock on FILE for the process'\''s life; exit 75 if another process holds it.]:FILE:'
        '--memory-limit[Bytes the script'\''s Lua state may hold (512K, 64M, 1G; 0 for no limit; default 1G).]:BYTES:'
        '*-e[Run CHUNK (repeatable, in order, before FILE).]:CHUNK:'
        '*:FILE|- \[ARGS...\]:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_sfjobs_repl() {
    local -i ret=1
    local -ar ___log_level=('trace' 'debug' 'info' 'notice' 'warning' 'error' 'critical')
    local -ar arg_specs=(
        '--profile[A named profile from $XDG_CONFIG_HOME/sfjobs/config.toml.]:profile:'
        '--target-org[Use the login of a Salesforce CLI org alias (`sf org display`).]:target-org:'
        '--api-version[Salesforce API version (default 66.0).]:api-version:'
        '--dry-run[Send no state-changing request; report what would be done.]'
        '--log-level[trace, debug, info, notice, warning (or warn), error or critical, any case.]:log-level:{__sfjobs_complete "${___log_level[@]}"}'
        '--log-format[text or json (default\: text on a terminal, json otherwise).]:log-format:'
        '-i[Run FILE first, then start the session.]:FILE:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_sfjobs_job-info() {
    local -i ret=1
    local -ar ___log_level=('trace' 'debug' 'info' 'notice' 'warning' 'error' 'critical')
    local -ar arg_specs=(
        '--profile[A named profile from $XDG_CONFIG_HOME/sfjobs/config.toml.]:profile:'
        '--target-org[Use the login of a Salesforce CLI org alias (`sf org display`).]:target-org:'
        '--api-version[Salesforce API version (default 66.0).]:api-version:'
        '--dry-run[Send no state-changing request; report what would be done.]'
        '--log-level[trace, debug, info, notice, warning (or warn), error or critical, any case.]:log-level:{__sfjobs_complete "${___log_level[@]}"}'
        '--log-format[text or json (default\: text on a terminal, json otherwise).]:log-format:'
        ':id:'
        '--type[unknown, ingest, query or classic.]:type:'
        '--json[Print one JSON document.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_sfjobs_close-job() {
    local -i ret=1
    local -ar ___log_level=('trace' 'debug' 'info' 'notice' 'warning' 'error' 'critical')
    local -ar arg_specs=(
        '--profile[A named profile from $XDG_CONFIG_HOME/sfjobs/config.toml.]:profile:'
        '--target-org[Use the login of a Salesforce CLI org alias (`sf org display`).]:target-org:'
        '--api-version[Salesforce API version (default 66.0).]:api-version:'
        '--dry-run[Send no state-changing request; report what would be done.]'
        '--log-level[trace, debug, info, notice, warning (or warn), error or critical, any case.]:log-level:{__sfjobs_complete "${___log_level[@]}"}'
        '--log-format[text or json (default\: text on a terminal, json otherwise).]:log-format:'
        ':id:'
        '--state[Closed or Aborted.]:state:'
        '--type[unknown, ingest, query or classic.]:type:'
        '--timeout[Milliseconds the call may take (0\: no limit).]:timeout:'
        '--json[Print one JSON document.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_sfjobs_jobs() {
    local -i ret=1
    local -ar ___log_level=('trace' 'debug' 'info' 'notice' 'warning' 'error' 'critical')
    local -ar arg_specs=(
        '--profile[A named profile from $XDG_CONFIG_HOME/sfjobs/config.toml.]:profile:'
        '--target-org[Use the login of a Salesforce CLI org alias (`sf org display`).]:target-org:'
        '--api-version[Salesforce API version (default 66.0).]:api-version:'
        '--dry-run[Send no state-changing request; report what would be done.]'
        '--log-level[trace, debug, info, notice, warning (or warn), error or critical, any case.]:log-level:{__sfjobs_complete "${___log_level[@]}"}'
        '--log-format[text or json (default\: text on a terminal, json otherwise).]:log-format:'
        '*--state[Only jobs in this state (repeatable).]:state:'
        '--type[ingest, query or all.]:type:'
        '--job-type[V2Ingest, V2Query, Classic or BigObjectIngest.]:job-type:'
        '--older-than[Only jobs created at least this many seconds ago.]:older-than:'
        '--json[Print one JSON document.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_sfjobs_config() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:List the profiles.'
            'show:Show the settings a profile gives (secrets masked).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|show)
            "_sfjobs_config_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_sfjobs_config_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_sfjobs_config_show() {
    local -i ret=1
    local -ar arg_specs=(
        ':name:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_sfjobs_demo() {
    local -i ret=1
    local -ar ___log_level=('trace' 'debug' 'info' 'notice' 'warning' 'error' 'critical')
    local -ar arg_specs=(
        '--profile[A named profile from $XDG_CONFIG_HOME/sfjobs/config.toml.]:profile:'
        '--target-org[Use the login of a Salesforce CLI org alias (`sf org display`).]:target-org:'
        '--api-version[Salesforce API version (default 66.0).]:api-version:'
        '--dry-run[Send no state-changing request; report what would be done.]'
        '--log-level[trace, debug, info, notice, warning (or warn), error or critical, any case.]:log-level:{__sfjobs_complete "${___log_level[@]}"}'
        '--log-format[text or json (default\: text on a terminal, json otherwise).]:log-format:'
        '--jobs[How many jobs the simulated org starts with.]:jobs:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_sfjobs_simulator() {
    local -i ret=1
    local -ar arg_specs=(
        '--port[Port to listen on (0 picks a free one).]:port:'
        '--jobs[How many jobs the org starts with.]:jobs:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_sfjobs_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _sfjobs ]]; then
    _sfjobs "${@}"
else
    compdef _sfjobs sfjobs
fi
