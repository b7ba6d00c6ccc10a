using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;
using LlamaLog.Engine;

namespace LlamaLog
{
    /// <summary>
    /// Runs at every import. Only the first import in a process sets logging up from the environment, as a
    /// Llama Stack server does at start; later imports (other runspaces, or after Remove-Module) attach to the
    /// state as it is, because it lives in this assembly's statics, which outlive the module.
    /// </summary>
    public sealed class ModuleInitialization : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static int initialized;

        public void OnImport()
        {
            if (Interlocked.Exchange(ref initialized, 1) != 0)
            {
                return;
            }

            // PowerShell exiting (exit, the end of pwsh -File) delivers what sinks have queued (the OTLP export),
            // bounded by the export timeout.
            AppDomain.CurrentDomain.ProcessExit += (sender, e) => FlushQueued();

            var warnings = new List<string>();
            LogSetup.Initialize(new LogSetupRequest { FailOnFileError = false, ResolvePath = Path.GetFullPath }, warnings);
            foreach (string warning in warnings)
            {
                ShowWarning(warning);
            }
        }

        /// <summary>Remove-Module delivers what is queued; the sinks (and the exporter) stay, as the state does.</summary>
        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            FlushQueued();
        }

        private static void FlushQueued()
        {
            LogEngine.Flush(TimeSpan.FromMilliseconds(LogEngine.Settings.Otlp.TimeoutMilliseconds));
        }

        // No cmdlet is running during import, so the warning goes to the importing runspace's host directly.
        private static void ShowWarning(string text)
        {
            try
            {
                using (var shell = PowerShell.Create(RunspaceMode.CurrentRunspace))
                {
                    shell.AddScript("param($text) $Host.UI.WriteWarningLine($text)").AddArgument("LlamaLog: " + text).Invoke();
                }
            }
            catch (Exception e) when (e is PSInvalidOperationException || e is InvalidOperationException || e is RuntimeException)
            {
                // Imported outside a runspace pipeline (from a host's API): nowhere to show it.
            }
        }
    }
}
