using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using LlamaLog.Engine.Levels;

namespace LlamaLog.Completion
{
    /// <summary>Offers the level names on Tab.</summary>
    public sealed class LogLevelCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            foreach (string name in LevelNames.CanonicalNames)
            {
                if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    yield return new CompletionResult(name, name, CompletionResultType.ParameterValue, name);
                }
            }
        }
    }
}
