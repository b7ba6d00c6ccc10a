using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Specialized;
using System.Management.Automation;
using LlamaLog.Engine.Config;

namespace LlamaLog.Cmdlets
{
    /// <summary>Parses a run.yaml, YAML text or a LLAMA_STACK_LOGGING string into category levels.</summary>
    [Cmdlet(VerbsData.ConvertFrom, "LlamaLogConfig", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(CategoryLevel))]
    [OutputType(typeof(OrderedDictionary))]
    public sealed class ConvertFromLlamaLogConfigCommand : LlamaLogConfigCommandBase
    {
        [Parameter]
        public SwitchParameter AsHashtable { get; set; }

        protected override void ProcessRecord()
        {
            LevelConfiguration configuration;
            try
            {
                configuration = ParseInput();
            }
            catch (ConfigurationException e)
            {
                ThrowTerminatingError(ToErrorRecord(e, Path ?? Yaml ?? Environment));
                return;
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(FileSystemPath.NotAFileSystemPath(e, Path));
                return;
            }

            foreach (ConfigurationProblem problem in configuration.Problems)
            {
                WriteWarning(problem.Message);
            }

            if (AsHashtable)
            {
                var table = new OrderedDictionary(StringComparer.OrdinalIgnoreCase);
                foreach (KeyValuePair<string, int> entry in configuration.Entries)
                {
                    table[entry.Key] = entry.Value;
                }

                WriteObject(table);
                return;
            }

            foreach (KeyValuePair<string, int> entry in configuration.Entries)
            {
                WriteObject(new CategoryLevel(entry.Key, entry.Value, configuration.Source));
            }
        }
    }
}
