# The OTLP sink's backlog (OtlpRecordQueue): a bounded first-in-first-out queue, many writers and one reader, that keeps
# a plain record as values (its text in a character ring) and any other record as the object it is.
BeforeAll {
    . (Join-Path $PSScriptRoot 'TestLog.ps1')

    $script:Trace = [LlamaLog.Engine.Records.TraceContext]::new('0af7651916cd43dd8448eb211c80319c', 'b7ad6b7169203331', 1, 'congo=t61rcWkgMzE')

    function New-Queue([int] $Capacity) {
        [LlamaLog.Engine.Otlp.OtlpRecordQueue]::new($Capacity)
    }

    function New-Record {
        # A plain record (no properties, no exception) unless given some; the message taken as it is (no markup).
        param([string] $Message = 'm', [string] $Name = 'app', [int] $Line = 1, [object] $Properties = $null,
            [object] $Exception = $null, [bool] $Markup = $false)
        [LlamaLog.Engine.Records.LogRecord]::new([datetime]::new(2026, 12, 5, 1, 2, 3, [DateTimeKind]::Utc), $Name, $Line,
            'core', 20, $Message, $Markup, $Exception, $Properties, $null, $null, $null)
    }

    function New-Properties {
        # A record's properties: one, n = 1.
        $properties = [System.Collections.Generic.List[System.Collections.Generic.KeyValuePair[string, object]]]::new()
        $properties.Add([System.Collections.Generic.KeyValuePair[string, object]]::new('n', 1))
        , $properties
    }

    function Get-Dequeued($Queue) {
        # Every record the queue holds, oldest first.
        $record = $null
        while ($Queue.TryDequeue([ref] $record)) { $record }
    }

    function Get-QueueField($Queue, [string] $Field) {
        # A private field, to tell that a test reached the state it means to (a grown array, a full ring).
        $Queue.GetType().GetField($Field, [System.Reflection.BindingFlags]'NonPublic, Instance').GetValue($Queue)
    }

    function Test-SameText([string] $Actual, [string] $Expected) {
        # Ordinal: a culture's comparison may call texts with lone surrogates or ignorable characters equal.
        [string]::Equals($Actual, $Expected, [System.StringComparison]::Ordinal)
    }
}

Describe 'OtlpRecordQueue' {
    It 'refuses a capacity below one' {
        { New-Queue 0 } | Should -Throw -ExceptionType ([System.Management.Automation.MethodInvocationException])
    }

    It 'gives nothing, and false, when empty' {
        $queue = New-Queue 4
        $record = New-Record
        $queue.TryDequeue([ref] $record) | Should -BeFalse
        $record | Should -BeNullOrEmpty
    }

    It 'gives the records back in the order they were enqueued' {
        $queue = New-Queue 10
        foreach ($i in 1..5) { $queue.TryEnqueue((New-Record -Message "m$i" -Line $i)) | Should -BeTrue }
        $queue.TryEnqueue((New-Record -Message 'with properties' -Line 6 -Properties (New-Properties))) | Should -BeTrue
        $queue.TryEnqueue((New-Record -Message 'm7' -Line 7)) | Should -BeTrue
        @(Get-Dequeued $queue).Line | Should -Be @(1, 2, 3, 4, 5, 6, 7)
    }

    It 'counts the records it holds' {
        $queue = New-Queue 10
        foreach ($i in 1..3) { $null = $queue.TryEnqueue((New-Record)) }
        $record = $null
        $null = $queue.TryDequeue([ref] $record)
        $queue.Count | Should -Be 2
    }
}

Describe 'OtlpRecordQueue with a plain record' {
    BeforeAll {
        $script:Time = [datetime]::new(2026, 12, 5, 1, 2, 3, 456, [DateTimeKind]::Local).AddTicks(7891)
        $script:Original = [LlamaLog.Engine.Records.LogRecord]::new($Time, 'ogx.core.server', 42, 'core::server', 30,
            'Loaded [bold]x[/] of [italic]y[/italic]', $true, $null, $null, $Trace, '/scripts/start server.ps1', 'Start-Server')
        $queue = New-Queue 4
        $null = $queue.TryEnqueue($Original)
        $script:Copy = @(Get-Dequeued $queue)[0]
    }

    It 'gives back a record with the same <Field>' -ForEach @(
        @{ Field = 'Name' }, @{ Field = 'Line' }, @{ Field = 'Category' }, @{ Field = 'Level' },
        @{ Field = 'SourceFile' }, @{ Field = 'Function' }
    ) {
        $Copy.$Field | Should -BeExactly $Original.$Field
    }

    It 'gives back the time to the tick' {
        $Copy.Time.Ticks | Should -Be $Time.Ticks
    }

    It 'gives back the time''s kind (<Kind>)' -ForEach @(
        @{ Kind = [DateTimeKind]::Local }, @{ Kind = [DateTimeKind]::Utc }, @{ Kind = [DateTimeKind]::Unspecified }
    ) {
        $queue = New-Queue 4
        $null = $queue.TryEnqueue([LlamaLog.Engine.Records.LogRecord]::new([datetime]::new(2026, 12, 5, 1, 2, 3, $Kind), 'app', 1, 'core', 20, 'm', $false))
        @(Get-Dequeued $queue)[0].Time.Kind | Should -Be $Kind
    }

    It 'gives back the trace context' {
        $Copy.Trace.ToString() | Should -BeExactly '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'
        $Copy.Trace.TraceState | Should -BeExactly 'congo=t61rcWkgMzE'
    }

    It 'gives back the plain text of a message with markup' {
        $Copy.Message | Should -BeExactly 'Loaded x of y'
    }

    It 'gives back a message that is no longer markup' {
        $Copy.Markup | Should -BeFalse
        $Copy.PlainMessage | Should -BeExactly 'Loaded x of y'
    }

    It 'gives back no properties and no exception' {
        $Copy.Properties.Count | Should -Be 0
        $Copy.Exception | Should -BeNullOrEmpty
    }

    It 'gives back no trace, file or function when the record had none' {
        $queue = New-Queue 4
        $null = $queue.TryEnqueue((New-Record))
        $copy = @(Get-Dequeued $queue)[0]
        $copy.Trace | Should -BeNullOrEmpty
        $copy.SourceFile | Should -BeNullOrEmpty
        $copy.Function | Should -BeNullOrEmpty
    }
}

Describe 'OtlpRecordQueue with a record that is more than plain' {
    It 'gives back the very record that has properties' {
        $queue = New-Queue 4
        $record = New-Record -Message '[bold]x[/]' -Markup $true -Properties (New-Properties)
        $null = $queue.TryEnqueue($record)
        [object]::ReferenceEquals(@(Get-Dequeued $queue)[0], $record) | Should -BeTrue
    }

    It 'gives back the very record that has an exception' {
        $queue = New-Queue 4
        $record = New-Record -Message '[bold]x[/]' -Markup $true -Exception ([LlamaLog.Engine.Records.ExceptionDetails]::FromWrittenText('boom'))
        $null = $queue.TryEnqueue($record)
        [object]::ReferenceEquals(@(Get-Dequeued $queue)[0], $record) | Should -BeTrue
    }
}

Describe 'OtlpRecordQueue at its capacity' {
    BeforeEach {
        $script:Queue = New-Queue 3
        foreach ($i in 1..3) { $null = $Queue.TryEnqueue((New-Record -Message "m$i" -Line $i)) }
    }

    It 'refuses a record when full' {
        $Queue.TryEnqueue((New-Record -Message 'm4' -Line 4)) | Should -BeFalse
    }

    It 'refuses a record with properties when full' {
        $Queue.TryEnqueue((New-Record -Message 'm4' -Line 4 -Properties (New-Properties))) | Should -BeFalse
    }

    It 'keeps nothing of a refused record' {
        $null = $Queue.TryEnqueue((New-Record -Message 'm4' -Line 4))
        $Queue.Count | Should -Be 3
        @(Get-Dequeued $Queue).Message | Should -Be @('m1', 'm2', 'm3')
    }

    It 'takes a record again once a dequeue made room' {
        $null = $Queue.TryEnqueue((New-Record -Message 'refused' -Line 4))
        $record = $null
        $null = $Queue.TryDequeue([ref] $record)
        $Queue.TryEnqueue((New-Record -Message 'm5' -Line 5)) | Should -BeTrue
        @(Get-Dequeued $Queue).Message | Should -Be @('m2', 'm3', 'm5')
    }
}

Describe 'OtlpRecordQueue''s text ring' {
    BeforeAll {
        # Texts cut from a random pool of ASCII, accented and CJK characters, surrogate pairs and lone surrogates: a cut
        # may split a pair, so texts start or end with a lone half too.
        $random = [System.Random]::new(20261205)
        $alphabet = @('a', 'Z', ' ', '[', ']', '/', "`n", "`0", 'é', '中', "`u{1F999}", "`u{10FFFF}", [string][char]0xD800, [string][char]0xDFFF)
        $builder = [System.Text.StringBuilder]::new()
        while ($builder.Length -lt 20000) { $null = $builder.Append($alphabet[$random.Next($alphabet.Count)]) }
        $script:Pool = $builder.ToString()

        function Get-Text([System.Random] $Random) {
            # Lengths weighted toward the edges: empty, the longest copied (4096) and one more (4097, kept as a string).
            $length = switch ($Random.Next(20)) {
                0 { 0 } 1 { 4096 } 2 { 4097 } 3 { $Random.Next(1000, 4100) } default { $Random.Next(1, 400) }
            }
            $Pool.Substring($Random.Next($Pool.Length - $length + 1), $length)
        }
    }

    It 'keeps every text exactly, wrapping around, over many random enqueues and dequeues (seed 42)' {
        # Capacity 300 keeps the ring at its initial 65,536 characters (it may not grow), so it wraps and fills
        # often. Phases of 1,000 steps that mostly enqueue, then mostly dequeue, take the queue from empty to full
        # and back. The reference is a .NET queue of the texts enqueued.
        $random = [System.Random]::new(42)
        $queue = New-Queue 300
        $model = [System.Collections.Generic.Queue[string]]::new()
        $problems = [System.Collections.Generic.List[string]]::new()
        $wraps = 0
        $lastWrite = 0
        foreach ($step in 1..12000) {
            $enqueueShare = [int][Math]::Floor($step / 1000) % 2 -eq 0 ? 70 : 30
            if ($random.Next(100) -lt $enqueueShare) {
                $text = Get-Text $random
                $taken = $queue.TryEnqueue((New-Record -Message $text -Line $step))
                if ($taken -ne ($model.Count -lt 300)) { $problems.Add("step ${step}: TryEnqueue gave $taken with $($model.Count) held") }
                if ($taken) { $model.Enqueue($text) }
            }
            else {
                $record = $null
                $got = $queue.TryDequeue([ref] $record)
                if ($got -ne ($model.Count -gt 0)) { $problems.Add("step ${step}: TryDequeue gave $got with $($model.Count) held") }
                if ($got -and -not (Test-SameText $record.Message $model.Dequeue())) { $problems.Add("step ${step}: the text of line $($record.Line) differs") }
            }

            $write = Get-QueueField $queue 'textWrite'
            if ($write -lt $lastWrite -and $queue.Count -gt 0) { $wraps++ }
            $lastWrite = $write
            if ($problems.Count -gt 5) { break }
        }

        foreach ($record in Get-Dequeued $queue) {
            if (-not (Test-SameText $record.Message $model.Dequeue())) { $problems.Add("draining: the text of line $($record.Line) differs") }
        }

        $problems | Should -BeNullOrEmpty
        $model.Count | Should -Be 0
        (Get-QueueField $queue 'text').Length | Should -Be 65536
        $wraps | Should -BeGreaterThan 20
    }

    It 'keeps lone surrogates and surrogate pairs exactly' {
        $queue = New-Queue 8
        $texts = @("`u{1F999}", [string][char]0xD83E, [string][char]0xDD99, "a$([char]0xDFFF)$([char]0xD800)b", "`u{10FFFF}`u{10000}")
        foreach ($text in $texts) { $null = $queue.TryEnqueue((New-Record -Message $text)) }
        $copies = @(Get-Dequeued $queue)
        foreach ($i in 0..($texts.Count - 1)) { Test-SameText $copies[$i].Message $texts[$i] | Should -BeTrue }
    }

    It 'keeps an empty text as an empty text' {
        $queue = New-Queue 4
        $null = $queue.TryEnqueue((New-Record -Message ''))
        @(Get-Dequeued $queue)[0].Message | Should -BeExactly ''
    }

    It 'grows its slots and its ring beyond their first sizes while both are wrapped, keeping every text in order' {
        $queue = New-Queue 100000
        $model = [System.Collections.Generic.Queue[string]]::new()
        function Add-Text([int] $Index) {
            $text = "$Index`u{1F999}".PadRight(100, [char](0x41 + $Index % 26))
            $null = $queue.TryEnqueue((New-Record -Message $text -Line $Index))
            $model.Enqueue($text)
        }

        # 600 texts of 100 characters, then 500 taken: the next texts wrap around the ring's end (65,536) and the
        # slots' (1,024) while the oldest ones are still held, and both must grow.
        foreach ($i in 1..600) { Add-Text $i }
        $record = $null
        foreach ($i in 1..500) { $null = $queue.TryDequeue([ref] $record); $null = $model.Dequeue() }
        foreach ($i in 601..2600) { Add-Text $i }

        (Get-QueueField $queue 'slots').Length | Should -BeGreaterThan 1024
        (Get-QueueField $queue 'text').Length | Should -BeGreaterThan 65536
        $problems = foreach ($record in Get-Dequeued $queue) {
            $expected = $model.Dequeue()
            if (-not (Test-SameText $record.Message $expected)) { "line $($record.Line) is '$($record.Message)', not '$expected'" }
        }
        $problems | Should -BeNullOrEmpty
        $model.Count | Should -Be 0
    }

    It 'keeps a text that finds the ring full and unable to grow, as a string, and drops none' {
        # Capacity 100 allows no more than the initial 65,536 characters: 16 texts of 4,096 fill them exactly.
        $queue = New-Queue 100
        $texts = @(foreach ($i in 1..16) { ([string][char](0x40 + $i)) * 4096 }) + @('1', '', ('q' * 4096), 'ten chars.')
        foreach ($text in $texts) { $queue.TryEnqueue((New-Record -Message $text)) | Should -BeTrue }
        (Get-QueueField $queue 'text').Length | Should -Be 65536
        (Get-QueueField $queue 'textUsed') | Should -Be 65536
        $copies = @(Get-Dequeued $queue)
        $copies.Count | Should -Be $texts.Count
        foreach ($i in 0..($texts.Count - 1)) { Test-SameText $copies[$i].Message $texts[$i] | Should -BeTrue }
    }

    It 'places a text of <Length> characters that wraps around the ring''s end <Where>' -ForEach @(
        @{ Length = 4000; Where = 'into exactly the room before the oldest text'; Used = 65536 }
        @{ Length = 4001; Where = 'as a string, when it is one character more than that room'; Used = 61440 }
    ) {
        # Ring of 65,536 (capacity 100): 4,000 + 15 × 4,096 characters end 96 before the ring's end; taking the first
        # text leaves 96 + 4,000 free characters around the end.
        $queue = New-Queue 100
        $texts = [System.Collections.Generic.List[string]]::new()
        $texts.Add('0' * 4000)
        foreach ($i in 1..15) { $texts.Add(([string][char](0x40 + $i)) * 4096) }
        foreach ($text in $texts) { $null = $queue.TryEnqueue((New-Record -Message $text)) }
        $record = $null
        $null = $queue.TryDequeue([ref] $record)
        $texts.RemoveAt(0)
        $texts.Add('w' * $Length)
        $queue.TryEnqueue((New-Record -Message $texts[-1])) | Should -BeTrue
        Get-QueueField $queue 'textUsed' | Should -Be $Used
        $copies = @(Get-Dequeued $queue)
        $copies.Count | Should -Be 16
        foreach ($i in 0..15) { Test-SameText $copies[$i].Message $texts[$i] | Should -BeTrue }
    }

    It 'copies texts into the ring again once it has drained' {
        $queue = New-Queue 100
        foreach ($i in 1..20) { $null = $queue.TryEnqueue((New-Record -Message ('x' * 4096))) }
        $null = @(Get-Dequeued $queue)
        $null = $queue.TryEnqueue((New-Record -Message 'again'))
        Get-QueueField $queue 'textUsed' | Should -Be 5
        @(Get-Dequeued $queue)[0].Message | Should -BeExactly 'again'
    }
}

Describe 'OtlpRecordQueue with concurrent writers' {
    It 'gives the one reader every record of 4 PowerShell threads exactly once, each writer''s in its order' {
        # A small capacity, so writers find the queue full (and retry) while the reader takes records; texts of
        # varying lengths wrap the ring; every fifth record has properties and is kept as an object.
        $queue = New-Queue 64
        $perWriter = 2000
        $recordType = [LlamaLog.Engine.Records.LogRecord]
        $writers = 1..4 | ForEach-Object -ThrottleLimit 4 -AsJob -Parallel {
            $queue = $using:queue
            $type = $using:recordType
            $writer = $_
            foreach ($i in 1..$using:perWriter) {
                $properties = $null
                if ($i % 5 -eq 0) {
                    $properties = [System.Collections.Generic.List[System.Collections.Generic.KeyValuePair[string, object]]]::new()
                    $properties.Add([System.Collections.Generic.KeyValuePair[string, object]]::new('i', $i))
                }

                $text = "w$writer-$i-" + ('.' * (($i * 37 + $writer * 11) % 3000))
                $record = $type::new([datetime]::UtcNow, "w$writer", $i, 'core', 20, $text, $false, $null, $properties, $null)
                while (-not $queue.TryEnqueue($record)) { [System.Threading.Thread]::Yield() | Out-Null }
            }
        }

        $next = @{ w1 = 1; w2 = 1; w3 = 1; w4 = 1 }
        $problems = [System.Collections.Generic.List[string]]::new()
        $record = $null
        while ($writers.State -eq 'Running' -or $writers.State -eq 'NotStarted' -or $queue.Count -gt 0) {
            if (-not $queue.TryDequeue([ref] $record)) { [System.Threading.Thread]::Yield() | Out-Null; continue }
            $writer = [int]$record.Name.Substring(1)
            $i = $next[$record.Name]
            $expected = "w$writer-$i-" + ('.' * (($i * 37 + $writer * 11) % 3000))
            if (($record.Line -ne $i -or -not (Test-SameText $record.Message $expected)) -and $problems.Count -lt 6) {
                # Reading on, so that no writer waits for room forever.
                $problems.Add("$($record.Name) gave line $($record.Line) when line $i was next")
            }

            $next[$record.Name] = $record.Line + 1
        }

        $writers | Receive-Job -Wait -AutoRemoveJob -ErrorAction Stop
        $problems | Should -BeNullOrEmpty
        $next.Values | Should -Be @(($perWriter + 1), ($perWriter + 1), ($perWriter + 1), ($perWriter + 1))
    }
}
