using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using LlamaLog.Emit;
using LlamaLog.Engine.Markup;
using LlamaLog.Engine;

namespace LlamaLog
{
    /// <summary>
    /// What a logger method needs from the PowerShell that uses it: the host it writes to and its colours
    /// (taken from the runspace that created the logger: a runspace's host is not reachable from another
    /// pipeline), that runspace's transcripts (see <see cref="HostTranscript"/>), and the script line of the call
    /// (from the calling runspace, looked up only for records that pass the filter).
    /// </summary>
    internal sealed class CallingRunspace
    {
        private readonly PSHostUserInterface ui;
        private readonly bool takesEscapes;
        private readonly HostTranscript transcript;

        public CallingRunspace(PSHost host, SessionState sessionState)
        {
            ui = host?.UI;
            takesEscapes = HostOutputRendering.TakesEscapes(ui, sessionState);

            // Made on the pipeline thread of Get-LlamaLogger, so the default runspace is the one creating the logger.
            transcript = new HostTranscript(ui, Runspace.DefaultRunspace);
        }

        /// <summary>The escape codes for this host under the settings in force now.</summary>
        public ColorSystem Colors => takesEscapes ? LogEngine.Settings.TerminalColors : ColorSystem.None;

        /// <summary>
        /// The innermost script frame of the calling runspace: the call's line, its script's path and its function
        /// (0 and nulls outside a running pipeline).
        /// </summary>
        public static int CallSite(out string scriptPath, out string function)
        {
            scriptPath = null;
            function = null;
            Runspace runspace = Runspace.DefaultRunspace;
            if (runspace?.Debugger == null)
            {
                return 0;
            }

            if (InnermostScriptFrame.TryRead(runspace.Debugger, out int line, out scriptPath, out function))
            {
                return line;
            }

            try
            {
                foreach (CallStackFrame frame in runspace.Debugger.GetCallStack())
                {
                    scriptPath = frame.ScriptName;
                    function = frame.FunctionName;
                    return frame.ScriptLineNumber;
                }
            }
            catch (PSInvalidOperationException)
            {
                // No call stack outside a running pipeline.
            }

            return 0;
        }

        public void WriteHost(string text)
        {
            if (ui == null)
            {
                return;
            }

            ui.WriteLine(text);
            transcript.Write(text);
        }

        public void WriteWarning(string text)
        {
            if (ui == null)
            {
                return;
            }

            ui.WriteWarningLine(text);

            // As PowerShell transcribes a cmdlet's warning.
            transcript.Write("WARNING: " + text);
        }
    }
}
