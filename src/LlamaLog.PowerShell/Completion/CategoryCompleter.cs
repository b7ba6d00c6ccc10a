using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using LlamaLog.Engine.Levels;

namespace LlamaLog.Completion
{
    /// <summary>Offers the known categories and <c>all</c> on Tab; registered categories appear as soon as they exist.</summary>
    public sealed class CategoryCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string prefix = (wordToComplete ?? string.Empty).Trim('\'', '"');
            var names = new List<string>(CategoryLevels.Categories) { CategoryNames.All };
            if (string.Equals(commandName, "Set-LlamaLogLevel", StringComparison.OrdinalIgnoreCase)
                || string.Equals(commandName, "Get-LlamaLogLevel", StringComparison.OrdinalIgnoreCase))
            {
                names.Add(CategoryNames.Root);
            }
            else
            {
                names.Remove(CategoryNames.All);
                names.Add(CategoryNames.Uncategorized);
            }

            foreach (string name in names)
            {
                if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    yield return new CompletionResult(name, name, CompletionResultType.ParameterValue, name);
                }
            }
        }
    }
}
