using System;
using System.IO;
using System.Management.Automation;
using System.Text;
using LlamaLog.Engine.Config;

namespace LlamaLog.Cmdlets
{
    /// <summary>The parameter sets and input reading shared by ConvertFrom-LlamaLogConfig and Test-LlamaLogConfig.</summary>
    public abstract class LlamaLogConfigCommandBase : PSCmdlet
    {
        protected const string PathSet = "Path";
        protected const string YamlSet = "Yaml";
        protected const string EnvironmentSet = "Environment";

        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = YamlSet)]
        [AllowEmptyString]
        public string Yaml { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = EnvironmentSet)]
        [AllowNull]
        [AllowEmptyString]
        public string Environment { get; set; }

        /// <summary>Parses the input of the bound parameter set; failures come out as <see cref="ConfigurationException"/>.</summary>
        protected LevelConfiguration ParseInput()
        {
            switch (ParameterSetName)
            {
                case EnvironmentSet:
                    return EnvironmentConfigParser.Parse(Environment);
                case YamlSet:
                    return YamlConfigParser.Parse(Yaml ?? string.Empty, YamlConfigParser.TextSourceName);
                default:
                    string path = ResolvePath(Path);
                    return YamlConfigParser.Parse(ReadFile(path), path);
            }
        }

        /// <summary>Relative paths resolve against the PowerShell location, not the process directory.</summary>
        protected string ResolvePath(string path)
        {
            return FileSystemPath.Resolve(SessionState, path);
        }

        private static string ReadFile(string path)
        {
            if (!File.Exists(path))
            {
                string problem = Directory.Exists(path) ? "is a folder, not a file" : "does not exist";
                throw new ConfigurationException(ConfigurationErrorKind.FileNotFound, "The configuration file '" + path + "' " + problem + ".", path);
            }

            try
            {
                // UTF-8 with or without BOM; detectEncodingFromByteOrderMarks also honours UTF-16 BOMs.
                using (var reader = new StreamReader(path, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true))
                {
                    return reader.ReadToEnd();
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new ConfigurationException(ConfigurationErrorKind.FileUnreadable, "The configuration file '" + path + "' cannot be read: " + e.Message, path, inner: e);
            }
        }

        /// <summary>The error record for a configuration failure, with an ErrorId and category per kind.</summary>
        protected static ErrorRecord ToErrorRecord(ConfigurationException e, object target)
        {
            string id;
            ErrorCategory category;
            switch (e.Kind)
            {
                case ConfigurationErrorKind.FileNotFound:
                    id = "ConfigFileNotFound";
                    category = ErrorCategory.ObjectNotFound;
                    break;
                case ConfigurationErrorKind.FileUnreadable:
                    id = "ConfigFileUnreadable";
                    category = ErrorCategory.ReadError;
                    break;
                case ConfigurationErrorKind.InvalidYaml:
                    id = "InvalidYaml";
                    category = ErrorCategory.ParserError;
                    break;
                case ConfigurationErrorKind.InvalidLevelType:
                    id = "InvalidLevelType";
                    category = ErrorCategory.InvalidType;
                    break;
                case ConfigurationErrorKind.UnresolvedEnvironmentVariable:
                    id = "UnresolvedEnvironmentVariable";
                    category = ErrorCategory.InvalidData;
                    break;
                default:
                    id = "InvalidConfigurationStructure";
                    category = ErrorCategory.InvalidData;
                    break;
            }

            return new ErrorRecord(e, id, category, target);
        }
    }
}
