using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace LlamaLog.Engine.Otlp
{
    /// <summary>
    /// The OTLP export settings in force, each with where it came from: a parameter of Initialize-LlamaLog, an
    /// OpenTelemetry SDK variable (OTEL_*), or the default. Records are exported when an endpoint is set, the
    /// exporter is not <c>none</c> and the SDK is not disabled.
    /// </summary>
    public sealed class OtlpOptions
    {
        public const string DefaultServiceName = "unknown_service:pwsh";

        /// <summary>LlamaLog's queue default, larger than the SDK's 2,048 so a burst of 20,000 records loses none.</summary>
        public const int DefaultMaxQueueSize = 65536;
        public const int DefaultMaxExportBatchSize = 512;
        public const int DefaultScheduleDelayMilliseconds = 1000;
        public const int DefaultExportTimeoutMilliseconds = 30000;
        public const int DefaultTimeoutMilliseconds = 10000;

        private OtlpOptions()
        {
        }

        public static OtlpOptions Disabled { get; } = new OtlpOptions
        {
            EndpointSource = "None",
            ProtocolSource = "Default",
            Headers = new KeyValuePair<string, string>[0],
            HeadersSource = "None",
            TimeoutMilliseconds = DefaultTimeoutMilliseconds,
            TimeoutSource = "Default",
            ServiceName = DefaultServiceName,
            ServiceNameSource = "Default",
            ResourceAttributes = new KeyValuePair<string, string>[0],
            ResourceAttributesSource = "None",
            Exporter = "otlp",
            ExporterSource = "Default",
            SdkDisabledSource = "Default",
            ScheduleDelayMilliseconds = DefaultScheduleDelayMilliseconds,
            ExportTimeoutMilliseconds = DefaultExportTimeoutMilliseconds,
            MaxQueueSize = DefaultMaxQueueSize,
            MaxExportBatchSize = DefaultMaxExportBatchSize,
            BatchSource = "Default",
            RetryPathSource = "None",
        };

        /// <summary>The base URL as given, or null.</summary>
        public Uri Endpoint { get; private set; }

        /// <summary>The URL records are posted to: the base URL plus <c>/v1/logs</c> for http/protobuf, or OTEL_EXPORTER_OTLP_LOGS_ENDPOINT as it is.</summary>
        public Uri LogsEndpoint { get; private set; }

        /// <summary>-OtlpEndpoint, OTEL_EXPORTER_OTLP_LOGS_ENDPOINT, OTEL_EXPORTER_OTLP_ENDPOINT, or None.</summary>
        public string EndpointSource { get; private set; }

        public OtlpProtocol Protocol { get; private set; }

        public string ProtocolSource { get; private set; }

        public IReadOnlyList<KeyValuePair<string, string>> Headers { get; private set; }

        public string HeadersSource { get; private set; }

        /// <summary>OTEL_EXPORTER_OTLP_TIMEOUT: one export request's time limit, which also bounds the flush at exit.</summary>
        public int TimeoutMilliseconds { get; private set; }

        public string TimeoutSource { get; private set; }

        public string ServiceName { get; private set; }

        public string ServiceNameSource { get; private set; }

        /// <summary>OTEL_RESOURCE_ATTRIBUTES, in order (service.name among them is used as the service name).</summary>
        public IReadOnlyList<KeyValuePair<string, string>> ResourceAttributes { get; private set; }

        public string ResourceAttributesSource { get; private set; }

        /// <summary>OTEL_LOGS_EXPORTER: otlp or none.</summary>
        public string Exporter { get; private set; }

        public string ExporterSource { get; private set; }

        public bool SdkDisabled { get; private set; }

        public string SdkDisabledSource { get; private set; }

        public int ScheduleDelayMilliseconds { get; private set; }

        public int ExportTimeoutMilliseconds { get; private set; }

        public int MaxQueueSize { get; private set; }

        public int MaxExportBatchSize { get; private set; }

        /// <summary>
        /// The SDK batch processor's own queue: two batches, one on the wire and the next one ready (the sink refills
        /// it as batches are delivered; the delivery rate is the same with 4 or 128). The backlog waits in the sink's
        /// compact queue of <see cref="MaxQueueSize"/> records; a larger SDK queue would hold the same records again
        /// as young objects, which the garbage collector makes the writers pay for (docs/design.md).
        /// </summary>
        public int SdkQueueSize => (int)Math.Min(MaxQueueSize, 2L * MaxExportBatchSize);

        /// <summary>OTEL_BLRP_* when any of them is set, else Default.</summary>
        public string BatchSource { get; private set; }

        public string RetryPath { get; private set; }

        public string RetryPathSource { get; private set; }

        public bool IsEnabled => LogsEndpoint != null && !SdkDisabled && !string.Equals(Exporter, "none", StringComparison.Ordinal);

        /// <summary>
        /// Resolves every setting: a parameter wins over a variable, a variable over the default. A bad parameter
        /// throws <see cref="OtlpSetupException"/> naming it; a bad variable is ignored with a warning added to
        /// <paramref name="warnings"/> (it may have been set for another program).
        /// </summary>
        public static OtlpOptions Resolve(OtlpParameters given, Func<string, string> readVariable, IList<string> warnings)
        {
            given = given ?? OtlpParameters.None;
            var options = new OtlpOptions();
            Func<string, string> read = name =>
            {
                string value = readVariable(name);
                return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
            };

            ResolveProtocol(options, given, read, warnings);
            ResolveEndpoint(options, given, read, warnings);
            ResolveHeaders(options, given, read, warnings);

            options.TimeoutMilliseconds = PositiveNumber(read, "OTEL_EXPORTER_OTLP_TIMEOUT", DefaultTimeoutMilliseconds, warnings, out string timeoutSource);
            options.TimeoutSource = timeoutSource;

            bool anyBatchVariable = false;
            options.ScheduleDelayMilliseconds = PositiveNumber(read, "OTEL_BLRP_SCHEDULE_DELAY", DefaultScheduleDelayMilliseconds, warnings, out string source);
            anyBatchVariable |= source != "Default";
            options.ExportTimeoutMilliseconds = PositiveNumber(read, "OTEL_BLRP_EXPORT_TIMEOUT", DefaultExportTimeoutMilliseconds, warnings, out source);
            anyBatchVariable |= source != "Default";
            options.MaxQueueSize = PositiveNumber(read, "OTEL_BLRP_MAX_QUEUE_SIZE", DefaultMaxQueueSize, warnings, out source);
            anyBatchVariable |= source != "Default";
            options.MaxExportBatchSize = PositiveNumber(read, "OTEL_BLRP_MAX_EXPORT_BATCH_SIZE", DefaultMaxExportBatchSize, warnings, out source);
            anyBatchVariable |= source != "Default";
            if (options.MaxExportBatchSize > options.MaxQueueSize)
            {
                warnings.Add("OTEL_BLRP_MAX_EXPORT_BATCH_SIZE=" + Invariant(options.MaxExportBatchSize) + " is larger than the queue ("
                    + Invariant(options.MaxQueueSize) + "); batches hold the whole queue.");
                options.MaxExportBatchSize = options.MaxQueueSize;
            }

            options.BatchSource = anyBatchVariable ? "OTEL_BLRP_*" : "Default";

            ResolveResource(options, read, warnings);
            ResolveExporter(options, read, warnings);

            options.RetryPath = string.IsNullOrEmpty(given.RetryPath) ? null : given.RetryPath;
            options.RetryPathSource = options.RetryPath == null ? "None" : "-OtlpRetryPath";
            return options;
        }

        private static void ResolveProtocol(OtlpOptions options, OtlpParameters given, Func<string, string> read, IList<string> warnings)
        {
            options.Protocol = OtlpProtocol.HttpProtobuf;
            options.ProtocolSource = "Default";
            if (given.Protocol.HasValue)
            {
                if (given.Protocol.Value != OtlpProtocol.HttpProtobuf && given.Protocol.Value != OtlpProtocol.Grpc)
                {
                    throw new OtlpSetupException(OtlpSetupException.InvalidSetting, "-OtlpProtocol '" + given.Protocol.Value + "' is not Grpc or HttpProtobuf.", given.Protocol.Value);
                }

                options.Protocol = given.Protocol.Value;
                options.ProtocolSource = "-OtlpProtocol";
                return;
            }

            string text = read("OTEL_EXPORTER_OTLP_PROTOCOL");
            if (text == null)
            {
                return;
            }

            if (string.Equals(text, "grpc", StringComparison.Ordinal))
            {
                options.Protocol = OtlpProtocol.Grpc;
                options.ProtocolSource = "OTEL_EXPORTER_OTLP_PROTOCOL";
            }
            else if (string.Equals(text, "http/protobuf", StringComparison.Ordinal))
            {
                options.ProtocolSource = "OTEL_EXPORTER_OTLP_PROTOCOL";
            }
            else
            {
                warnings.Add("OTEL_EXPORTER_OTLP_PROTOCOL='" + text + "' is not grpc or http/protobuf; using http/protobuf.");
            }
        }

        private static void ResolveEndpoint(OtlpOptions options, OtlpParameters given, Func<string, string> read, IList<string> warnings)
        {
            options.EndpointSource = "None";
            if (given.Endpoint != null)
            {
                Uri uri = ParseEndpoint(given.Endpoint, out string problem);
                if (uri == null)
                {
                    throw new OtlpSetupException(OtlpSetupException.InvalidSetting, "-OtlpEndpoint '" + given.Endpoint + "' " + problem, given.Endpoint);
                }

                SetBase(options, uri, "-OtlpEndpoint");
                return;
            }

            foreach (string name in new[] { "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT" })
            {
                string text = read(name);
                if (text == null)
                {
                    continue;
                }

                Uri uri = ParseEndpoint(text, out string problem);
                if (uri == null)
                {
                    warnings.Add(name + "='" + text + "' " + problem + " It is ignored.");
                    continue;
                }

                if (name == "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT")
                {
                    // The signal's own endpoint is the full URL, used as it is.
                    options.Endpoint = uri;
                    options.LogsEndpoint = uri;
                    options.EndpointSource = name;
                }
                else
                {
                    SetBase(options, uri, name);
                }

                return;
            }
        }

        private static void SetBase(OtlpOptions options, Uri uri, string source)
        {
            options.Endpoint = uri;
            options.EndpointSource = source;
            if (options.Protocol == OtlpProtocol.Grpc)
            {
                options.LogsEndpoint = uri;
                return;
            }

            string text = uri.AbsoluteUri;
            options.LogsEndpoint = new Uri(text + (text.EndsWith("/", StringComparison.Ordinal) ? "v1/logs" : "/v1/logs"), UriKind.Absolute);
        }

        private static Uri ParseEndpoint(string text, out string problem)
        {
            problem = null;
            if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out Uri uri)
                || !(string.Equals(uri.Scheme, "http", StringComparison.Ordinal) || string.Equals(uri.Scheme, "https", StringComparison.Ordinal)))
            {
                problem = "is not an absolute http or https URI.";
                return null;
            }

            return uri;
        }

        private static void ResolveHeaders(OtlpOptions options, OtlpParameters given, Func<string, string> read, IList<string> warnings)
        {
            options.Headers = new KeyValuePair<string, string>[0];
            options.HeadersSource = "None";
            if (given.Headers != null)
            {
                var headers = new List<KeyValuePair<string, string>>();
                foreach (DictionaryEntry entry in given.Headers)
                {
                    string name = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                    string value = Convert.ToString(entry.Value, CultureInfo.InvariantCulture) ?? string.Empty;
                    string problem = HeaderProblem(name, value);
                    if (problem != null)
                    {
                        throw new OtlpSetupException(OtlpSetupException.InvalidSetting, "-OtlpHeader '" + name + "' " + problem, name);
                    }

                    headers.Add(new KeyValuePair<string, string>(name, value));
                }

                options.Headers = headers;
                options.HeadersSource = "-OtlpHeader";
                return;
            }

            string text = read("OTEL_EXPORTER_OTLP_HEADERS");
            if (text == null)
            {
                return;
            }

            var parsed = new List<KeyValuePair<string, string>>();
            foreach (string pair in text.Split(','))
            {
                int equals = pair.IndexOf('=');
                string name = equals > 0 ? Uri.UnescapeDataString(pair.Substring(0, equals).Trim()) : null;
                string value = equals > 0 ? Uri.UnescapeDataString(pair.Substring(equals + 1).Trim()) : null;
                string problem = name == null ? "is not name=value." : HeaderProblem(name, value);
                if (problem != null)
                {
                    warnings.Add("OTEL_EXPORTER_OTLP_HEADERS has '" + pair.Trim() + "', which " + problem + " The variable is ignored.");
                    return;
                }

                parsed.Add(new KeyValuePair<string, string>(name, value));
            }

            options.Headers = parsed;
            options.HeadersSource = "OTEL_EXPORTER_OTLP_HEADERS";
        }

        // The SDK takes headers as one "name=value,name=value" string, so a comma cannot be carried in either part.
        private static string HeaderProblem(string name, string value)
        {
            if (name.Length == 0)
            {
                return "has an empty name.";
            }

            foreach (char c in name)
            {
                if (c <= ' ' || c >= 127 || "\"(),/:;<=>?@[\\]{}".IndexOf(c) >= 0)
                {
                    return "is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only).";
                }
            }

            foreach (char c in value)
            {
                if (c == ',' || c == '\r' || c == '\n' || c == '\0')
                {
                    return "has a value with a comma or a line break, which an OTLP header cannot carry.";
                }
            }

            return null;
        }

        private static void ResolveResource(OtlpOptions options, Func<string, string> read, IList<string> warnings)
        {
            options.ResourceAttributes = new KeyValuePair<string, string>[0];
            options.ResourceAttributesSource = "None";
            options.ServiceName = DefaultServiceName;
            options.ServiceNameSource = "Default";

            string text = read("OTEL_RESOURCE_ATTRIBUTES");
            if (text != null)
            {
                var attributes = new List<KeyValuePair<string, string>>();
                foreach (string pair in text.Split(','))
                {
                    int equals = pair.IndexOf('=');
                    if (equals <= 0)
                    {
                        warnings.Add("OTEL_RESOURCE_ATTRIBUTES has '" + pair.Trim() + "', which is not key=value. The variable is ignored.");
                        attributes = null;
                        break;
                    }

                    attributes.Add(new KeyValuePair<string, string>(
                        Uri.UnescapeDataString(pair.Substring(0, equals).Trim()), Uri.UnescapeDataString(pair.Substring(equals + 1).Trim())));
                }

                if (attributes != null)
                {
                    options.ResourceAttributes = attributes;
                    options.ResourceAttributesSource = "OTEL_RESOURCE_ATTRIBUTES";
                    foreach (KeyValuePair<string, string> attribute in attributes)
                    {
                        if (string.Equals(attribute.Key, "service.name", StringComparison.Ordinal))
                        {
                            options.ServiceName = attribute.Value;
                            options.ServiceNameSource = "OTEL_RESOURCE_ATTRIBUTES";
                        }
                    }
                }
            }

            string serviceName = read("OTEL_SERVICE_NAME");
            if (serviceName != null)
            {
                options.ServiceName = serviceName;
                options.ServiceNameSource = "OTEL_SERVICE_NAME";
            }
        }

        private static void ResolveExporter(OtlpOptions options, Func<string, string> read, IList<string> warnings)
        {
            options.Exporter = "otlp";
            options.ExporterSource = "Default";
            string text = read("OTEL_LOGS_EXPORTER");
            if (text != null)
            {
                var names = new List<string>();
                foreach (string name in text.Split(','))
                {
                    names.Add(name.Trim().ToLowerInvariant());
                }

                if (names.Contains("otlp"))
                {
                    options.ExporterSource = "OTEL_LOGS_EXPORTER";
                }
                else if (names.Count == 1 && names[0] == "none")
                {
                    options.Exporter = "none";
                    options.ExporterSource = "OTEL_LOGS_EXPORTER";
                }
                else
                {
                    warnings.Add("OTEL_LOGS_EXPORTER='" + text + "' names no exporter LlamaLog has (otlp, none); using otlp.");
                }
            }

            options.SdkDisabledSource = "Default";
            string disabled = read("OTEL_SDK_DISABLED");
            if (disabled != null)
            {
                options.SdkDisabled = string.Equals(disabled, "true", StringComparison.OrdinalIgnoreCase);
                options.SdkDisabledSource = "OTEL_SDK_DISABLED";
            }
        }

        private static int PositiveNumber(Func<string, string> read, string name, int defaultValue, IList<string> warnings, out string source)
        {
            source = "Default";
            string text = read(name);
            if (text == null)
            {
                return defaultValue;
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0)
            {
                source = name;
                return value;
            }

            warnings.Add(name + "='" + text + "' is not a positive whole number; using " + Invariant(defaultValue) + ".");
            return defaultValue;
        }

        /// <summary>Whether an exporter built for <paramref name="other"/> sends exactly as one built for these options would.</summary>
        public bool SameExporterAs(OtlpOptions other)
        {
            return other != null && IsEnabled && other.IsEnabled
                && Uri.Equals(LogsEndpoint, other.LogsEndpoint) && Protocol == other.Protocol
                && string.Equals(HeaderText(), other.HeaderText(), StringComparison.Ordinal)
                && TimeoutMilliseconds == other.TimeoutMilliseconds && ScheduleDelayMilliseconds == other.ScheduleDelayMilliseconds
                && ExportTimeoutMilliseconds == other.ExportTimeoutMilliseconds && MaxQueueSize == other.MaxQueueSize
                && MaxExportBatchSize == other.MaxExportBatchSize && string.Equals(ServiceName, other.ServiceName, StringComparison.Ordinal)
                && SamePairs(ResourceAttributes, other.ResourceAttributes) && string.Equals(RetryPath, other.RetryPath, StringComparison.Ordinal);
        }

        private static bool SamePairs(IReadOnlyList<KeyValuePair<string, string>> a, IReadOnlyList<KeyValuePair<string, string>> b)
        {
            if (a.Count != b.Count)
            {
                return false;
            }

            for (int i = 0; i < a.Count; i++)
            {
                if (!string.Equals(a[i].Key, b[i].Key, StringComparison.Ordinal) || !string.Equals(a[i].Value, b[i].Value, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The headers as the SDK's one string (percent signs escaped: the SDK unescapes the whole string).</summary>
        internal string HeaderText()
        {
            var text = new StringBuilder();
            foreach (KeyValuePair<string, string> header in Headers)
            {
                if (text.Length > 0)
                {
                    text.Append(',');
                }

                text.Append(header.Key.Replace("%", "%25")).Append('=').Append(header.Value.Replace("%", "%25"));
            }

            return text.ToString();
        }

        private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
