function __sfjobs_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __sfjobs_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __sfjobs_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __sfjobs_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __sfjobs_parse_tokens -S
    set -l unparsed_tokens (__sfjobs_tokens -pc)
    switch $unparsed_tokens[1]
    case 'sfjobs'
        __sfjobs_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'run'
            __sfjobs_parse_subcommand -r 1 'profile=' 'target-org=' 'api-version=' 'dry-run' 'log-level=' 'log-format=' 'every=' 'cron=' 'jitter=' 'run-timeout=' 'max-runs=' 'grace=' 'lock=' 'memory-limit=' 'e=+' 'version' 'h/help'
        case 'repl'
            __sfjobs_parse_subcommand 0 'profile=' 'target-org=' 'api-version=' 'dry-run' 'log-level=' 'log-format=' 'i=' 'version' 'h/help'
        case 'job-info'
            __sfjobs_parse_subcommand 1 'profile=' 'target-org=' 'api-version=' 'dry-run' 'log-level=' 'log-format=' 'type=' 'json' 'version' 'h/help'
        case 'close-job'
            __sfjobs_parse_subcommand 1 'profile=' 'target-org=' 'api-version=' 'dry-run' 'log-level=' 'log-format=' 'state=' 'type=' 'timeout=' 'json' 'version' 'h/help'
        case 'jobs'
            __sfjobs_parse_subcommand 0 'profile=' 'target-org=' 'api-version=' 'dry-run' 'log-level=' 'log-format=' 'state=+' 'type=' 'job-type=' 'older-than=' 'json' 'version' 'h/help'
        case 'config'
            __sfjobs_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'list'
                __sfjobs_parse_subcommand 0 'version' 'h/help'
            case 'show'
                __sfjobs_parse_subcommand 1 'version' 'h/help'
            end
        case 'demo'
            __sfjobs_parse_subcommand 0 'profile=' 'target-org=' 'api-version=' 'dry-run' 'log-level=' 'log-format=' 'jobs=' 'version' 'h/help'
        case 'simulator'
            __sfjobs_parse_subcommand 0 'port=' 'jobs=' 'version' 'h/help'
        case 'help'
            __sfjobs_parse_subcommand -r 1 'version'
        end
    end
end

function __sfjobs_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __sfjobs_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __sfjobs_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __sfjobs_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__sfjobs_tokens -p)
    if test -z "$(__sfjobs_tokens -t)"
        set -l index (count (__sfjobs_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'sfjobs' -f
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs" version' -l 'version' -d 'Show the version.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_positional "sfjobs" -eq 1' -fa 'run' -d 'Run a Lua script (FILE, - for standard input, or -e chunks), once or on a schedule.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_positional "sfjobs" -eq 1' -fa 'repl' -d 'Start the interactive Lua session (after running FILE with -i).'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_positional "sfjobs" -eq 1' -fa 'job-info' -d 'Show a job\'s status.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_positional "sfjobs" -eq 1' -fa 'close-job' -d 'Close (or abort) a job.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_positional "sfjobs" -eq 1' -fa 'jobs' -d 'List jobs.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_positional "sfjobs" -eq 1' -fa 'config' -d 'List or show connection profiles (secrets masked).'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_positional "sfjobs" -eq 1' -fa 'demo' -d 'Start a REPL connected to a local simulated org (no credentials needed).'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_positional "sfjobs" -eq 1' -fa 'simulator' -d 'Serve a simulated Salesforce org on 127.0.0.1 and print its export lines.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_positional "sfjobs" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs run" profile' -l 'profile' -d 'A named profile from $XDG_CONFIG_HOME/sfjobs/config.toml.' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs run" target-org' -l 'target-org' -d 'Use the login of a Salesforce CLI org alias (`sf org display`).' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs run" api-version' -l 'api-version' -d 'Salesforce API version (default 66.0).' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs run" dry-run' -l 'dry-run' -d 'Send no state-changing request; report what would be done.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs run" log-level' -l 'log-level' -d 'trace, debug, info, notice, warning (or warn), error or critical, any case.' -rfka 'trace debug info notice warning error critical'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs run" log-format' -l 'log-format' -d 'text or json (default: text on a terminal, json otherwise).' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs run" every' -l 'every' -d 'Run every D (500ms, 30s, 5m, 1h30m); the first run starts at once.' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs run" cron' -l 'cron' -d 'Run at the minutes a five-field cron expression names, in local time (TZ).' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs run" jitter' -l 'jitter' -d 'Delay each scheduled start by a random time up to D.' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs run" run-timeout' -l 'run-timeout' -d 'Interrupt a run after D (exit status 124 for a one-shot run).' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs run" max-runs' -l 'max-runs' -d 'End the schedule after N runs, with the last run\'s exit status.' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs run" grace' -l 'grace' -d 'On SIGTERM/SIGINT, let the current run finish within D, then interrupt it (default 30s).' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs run" lock' -l 'lock' -d 'Hold an exclusive lock on FILE for the process\'s life; exit 75 if another process holds it.' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs run" memory-limit' -l 'memory-limit' -d 'Bytes the script\'s Lua state may hold (512K, 64M, 1G; 0 for no limit; default 1G).' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs run"' -s 'e' -d 'Run CHUNK (repeatable, in order, before FILE).' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs run" version' -l 'version' -d 'Show the version.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs run" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs repl" profile' -l 'profile' -d 'A named profile from $XDG_CONFIG_HOME/sfjobs/config.toml.' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs repl" target-org' -l 'target-org' -d 'Use the login of a Salesforce CLI org alias (`sf org display`).' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs repl" api-version' -l 'api-version' -d 'Salesforce API version (default 66.0).' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs repl" dry-run' -l 'dry-run' -d 'Send no state-changing request; report what would be done.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs repl" log-level' -l 'log-level' -d 'trace, debug, info, notice, warning (or warn), error or critical, any case.' -rfka 'trace debug info notice warning error critical'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs repl" log-format' -l 'log-format' -d 'text or json (default: text on a terminal, json otherwise).' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs repl" i' -s 'i' -d 'Run FILE first, then start the session.' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs repl" version' -l 'version' -d 'Show the version.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs repl" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs job-info" profile' -l 'profile' -d 'A named profile from $XDG_CONFIG_HOME/sfjobs/config.toml.' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs job-info" target-org' -l 'target-org' -d 'Use the login of a Salesforce CLI org alias (`sf org display`).' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs job-info" api-version' -l 'api-version' -d 'Salesforce API version (default 66.0).' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs job-info" dry-run' -l 'dry-run' -d 'Send no state-changing request; report what would be done.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs job-info" log-level' -l 'log-level' -d 'trace, debug, info, notice, warning (or warn), error or critical, any case.' -rfka 'trace debug info notice warning error critical'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs job-info" log-format' -l 'log-format' -d 'text or json (default: text on a terminal, json otherwise).' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs job-info" type' -l 'type' -d 'unknown, ingest, query or classic.' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs job-info" json' -l 'json' -d 'Print one JSON document.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs job-info" version' -l 'version' -d 'Show the version.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs job-info" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs close-job" profile' -l 'profile' -d 'A named profile from $XDG_CONFIG_HOME/sfjobs/config.toml.' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs close-job" target-org' -l 'target-org' -d 'Use the login of a Salesforce CLI org alias (`sf org display`).' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs close-job" api-version' -l 'api-version' -d 'Salesforce API version (default 66.0).' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs close-job" dry-run' -l 'dry-run' -d 'Send no state-changing request; report what would be done.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs close-job" log-level' -l 'log-level' -d 'trace, debug, info, notice, warning (or warn), error or critical, any case.' -rfka 'trace debug info notice warning error critical'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs close-job" log-format' -l 'log-format' -d 'text or json (default: text on a terminal, json otherwise).' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs close-job" state' -l 'state' -d 'Closed or Aborted.' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs close-job" type' -l 'type' -d 'unknown, ingest, query or classic.' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs close-job" timeout' -l 'timeout' -d 'Milliseconds the call may take (0: no limit).' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs close-job" json' -l 'json' -d 'Print one JSON document.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs close-job" version' -l 'version' -d 'Show the version.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs close-job" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs jobs" profile' -l 'profile' -d 'A named profile from $XDG_CONFIG_HOME/sfjobs/config.toml.' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs jobs" target-org' -l 'target-org' -d 'Use the login of a Salesforce CLI org alias (`sf org display`).' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs jobs" api-version' -l 'api-version' -d 'Salesforce API version (default 66.0).' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs jobs" dry-run' -l 'dry-run' -d 'Send no state-changing request; report what would be done.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs jobs" log-level' -l 'log-level' -d 'trace, debug, info, notice, warning (or warn), error or critical, any case.' -rfka 'trace debug info notice warning error critical'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs jobs" log-format' -l 'log-format' -d 'text or json (default: text on a terminal, json otherwise).' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs jobs"' -l 'state' -d 'Only jobs in this state (repeatable).' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs jobs" type' -l 'type' -d 'ingest, query or all.' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs jobs" job-type' -l 'job-type' -d 'V2Ingest, V2Query, Classic or BigObjectIngest.' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs jobs" older-than' -l 'older-than' -d 'Only jobs created at least this many seconds ago.' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs jobs" json' -l 'json' -d 'Print one JSON document.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs jobs" version' -l 'version' -d 'Show the version.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs jobs" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs config" version' -l 'version' -d 'Show the version.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs config" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_positional "sfjobs config" -eq 1' -fa 'list' -d 'List the profiles.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_positional "sfjobs config" -eq 1' -fa 'show' -d 'Show the settings a profile gives (secrets masked).'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs config list" version' -l 'version' -d 'Show the version.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs config list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs config show" version' -l 'version' -d 'Show the version.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs config show" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs demo" profile' -l 'profile' -d 'A named profile from $XDG_CONFIG_HOME/sfjobs/config.toml.' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs demo" target-org' -l 'target-org' -d 'Use the login of a Salesforce CLI org alias (`sf org display`).' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs demo" api-version' -l 'api-version' -d 'Salesforce API version (default 66.0).' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs demo" dry-run' -l 'dry-run' -d 'Send no state-changing request; report what would be done.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs demo" log-level' -l 'log-level' -d 'trace, debug, info, notice, warning (or warn), error or critical, any case.' -rfka 'trace debug info notice warning error critical'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs demo" log-format' -l 'log-format' -d 'text or json (default: text on a terminal, json otherwise).' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs demo" jobs' -l 'jobs' -d 'How many jobs the simulated org starts with.' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs demo" version' -l 'version' -d 'Show the version.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs demo" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs simulator" port' -l 'port' -d 'Port to listen on (0 picks a free one).' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs simulator" jobs' -l 'jobs' -d 'How many jobs the org starts with.' -rfka ''
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs simulator" version' -l 'version' -d 'Show the version.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs simulator" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'sfjobs' -n '__sfjobs_should_offer_completions_for_flags_or_options "sfjobs help" version' -l 'version' -d 'Show the version.'
