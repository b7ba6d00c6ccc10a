using System;
using System.Management.Automation;
using LlamaLog.Engine.Config;

namespace LlamaLog.Cmdlets
{
    /// <summary>Checks that a configuration would apply without any warning or error.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "LlamaLogConfig", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(bool))]
    public sealed class TestLlamaLogConfigCommand : LlamaLogConfigCommandBase
    {
        protected override void ProcessRecord()
        {
            try
            {
                LevelConfiguration configuration = ParseInput();
                foreach (ConfigurationProblem problem in configuration.Problems)
                {
                    WriteWarning(problem.Message);
                }

                WriteObject(configuration.Problems.Count == 0);
            }
            catch (Exception e) when (e is ConfigurationException || e is ArgumentException)
            {
                // A test reports; it does not stop the script that asked.
                WriteWarning(e.Message);
                WriteObject(false);
            }
        }
    }
}
