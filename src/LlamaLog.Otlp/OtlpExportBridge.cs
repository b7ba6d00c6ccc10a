using System;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Resources;

namespace LlamaLog.Otlp
{
    /// <summary>
    /// The entry point LlamaLog calls, through a delegate, in its private load context. Everything that crosses
    /// the boundary is a BCL type, so the module's copy and this one never share a type of their own.
    /// </summary>
    public static class OtlpExportBridge
    {
        /// <summary>
        /// Builds an exporter pipeline: the SDK's ILogger bridge, <see cref="RecordStampProcessor"/>, the SDK's
        /// batch processor and its OTLP exporter wrapped in <see cref="CountingExporter"/>. Settings keys:
        /// endpoint (the full logs URL), protocol (grpc, http/protobuf), headers (the SDK's k=v,k=v form),
        /// timeoutMilliseconds, scheduledDelayMilliseconds, maxQueueSize, maxExportBatchSize,
        /// exportTimeoutMilliseconds, retryPath (optional: the disk retry folder).
        /// </summary>
        public static void Start(
            IReadOnlyDictionary<string, string> settings,
            IReadOnlyList<KeyValuePair<string, object>> resourceAttributes,
            out Action<DateTime, int, string, string, IReadOnlyList<KeyValuePair<string, object>>, string, string, int, string> write,
            out Func<int, bool> flush,
            out Func<long[]> counts,
            out Func<int, bool> shutdown)
        {
            var pipeline = new ExportPipeline(settings, resourceAttributes);
            write = pipeline.Write;
            flush = pipeline.Flush;
            counts = pipeline.Counts;
            shutdown = pipeline.Shutdown;
        }

        private sealed class ExportPipeline
        {
            private readonly ILoggerFactory factory;
            private readonly RecordStampProcessor stamp = new RecordStampProcessor();
            private readonly CountingExporter exporter;
            private readonly BatchLogRecordExportProcessor batch;
            private readonly Dictionary<string, ILogger> loggers = new Dictionary<string, ILogger>(StringComparer.Ordinal);
            private readonly Func<object, Exception, string> bodyOf = (state, exception) => null;
            private long written;

            public ExportPipeline(IReadOnlyDictionary<string, string> settings, IReadOnlyList<KeyValuePair<string, object>> resourceAttributes)
            {
                exporter = new CountingExporter(CreateOtlpExporter(settings));
                batch = new BatchLogRecordExportProcessor(
                    exporter,
                    maxQueueSize: Number(settings, "maxQueueSize"),
                    scheduledDelayMilliseconds: Number(settings, "scheduledDelayMilliseconds"),
                    exporterTimeoutMilliseconds: Number(settings, "exportTimeoutMilliseconds"),
                    maxExportBatchSize: Number(settings, "maxExportBatchSize"));
                ResourceBuilder resource = ResourceBuilder.CreateEmpty().AddAttributes(resourceAttributes);

                factory = LoggerFactory.Create(logging =>
                {
                    // Every level reaches the SDK: LlamaLog has filtered already.
                    logging.SetMinimumLevel(LogLevel.Trace);

                    // The SDK reads no environment variable of its own: LlamaLog has resolved them (parameters win).
                    logging.Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
                    logging.AddOpenTelemetry(options =>
                    {
                        options.IncludeFormattedMessage = true;
                        options.IncludeScopes = false;
                        options.SetResourceBuilder(resource);
                        options.AddProcessor(stamp);
                        options.AddProcessor(batch);
                    });
                });
            }

            public void Write(DateTime utcTime, int level, string scope, string body, IReadOnlyList<KeyValuePair<string, object>> attributes,
                string traceId, string spanId, int traceFlags, string traceState)
            {
                if (!loggers.TryGetValue(scope, out ILogger logger))
                {
                    logger = factory.CreateLogger(scope);
                    loggers[scope] = logger;
                }

                stamp.Next(utcTime, body, traceId, spanId, traceFlags, traceState);
                logger.Log(LevelOf(level), default, attributes, null, bodyOf);
                written++;
            }

            public bool Flush(int timeoutMilliseconds) => batch.ForceFlush(timeoutMilliseconds);

            /// <summary>Written to the SDK, exported, and failed (dropped by the exporter after its retries).</summary>
            public long[] Counts() => new[] { written, exporter.Exported, exporter.Failed };

            public bool Shutdown(int timeoutMilliseconds)
            {
                bool done = batch.ForceFlush(timeoutMilliseconds);
                factory.Dispose();
                return done;
            }

            // Python's levels onto the ILogger levels whose OTLP severity numbers the issue names (5, 9, 13, 17, 21).
            private static LogLevel LevelOf(int level)
            {
                if (level >= 50) return LogLevel.Critical;
                if (level >= 40) return LogLevel.Error;
                if (level >= 30) return LogLevel.Warning;
                if (level >= 20) return LogLevel.Information;
                return LogLevel.Debug;
            }
        }

        private static OtlpLogExporter CreateOtlpExporter(IReadOnlyDictionary<string, string> settings)
        {
            var options = new OtlpExporterOptions
            {
                Endpoint = new Uri(settings["endpoint"], UriKind.Absolute),
#pragma warning disable CS0618 // gRPC is obsolete only on .NET Framework and netstandard2.0 builds.
                Protocol = string.Equals(settings["protocol"], "grpc", StringComparison.Ordinal) ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf,
#pragma warning restore CS0618
                Headers = settings.TryGetValue("headers", out string headers) ? headers : null,
                TimeoutMilliseconds = Number(settings, "timeoutMilliseconds"),
            };

            // The retry policy (in memory, or on disk with a folder) is an option of the SDK's internal constructor
            // only; the public one reads it from the process environment. Pinned SDK version: see LlamaLog.Otlp.csproj.
            var retry = new Dictionary<string, string>(StringComparer.Ordinal) { ["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory" };
            if (settings.TryGetValue("retryPath", out string retryPath) && !string.IsNullOrEmpty(retryPath))
            {
                retry["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "disk";
                retry["OTEL_DOTNET_EXPERIMENTAL_OTLP_DISK_RETRY_DIRECTORY_PATH"] = retryPath;
            }

            IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(retry).Build();
            Assembly exporterAssembly = typeof(OtlpLogExporter).Assembly;
            Type experimentalType = exporterAssembly.GetType("OpenTelemetry.Exporter.OpenTelemetryProtocol.Implementation.ExperimentalOptions", throwOnError: true);
            Type limitsType = exporterAssembly.GetType("OpenTelemetry.Exporter.OpenTelemetryProtocol.Implementation.SdkLimitOptions", throwOnError: true);
            object experimental = Activator.CreateInstance(experimentalType, configuration);
            object limits = Activator.CreateInstance(limitsType, nonPublic: true);
            ConstructorInfo constructor = typeof(OtlpLogExporter).GetConstructor(
                BindingFlags.Instance | BindingFlags.NonPublic, null,
                new[] { typeof(OtlpExporterOptions), limitsType, experimentalType, exporterAssembly.GetType("OpenTelemetry.Exporter.OpenTelemetryProtocol.Implementation.Transmission.OtlpExporterTransmissionHandler", throwOnError: true) },
                null) ?? throw new MissingMethodException("OtlpLogExporter's internal constructor was not found: the pinned OpenTelemetry version changed.");
            return (OtlpLogExporter)constructor.Invoke(new[] { options, limits, experimental, null });
        }

        private static int Number(IReadOnlyDictionary<string, string> settings, string key) =>
            int.Parse(settings[key], NumberStyles.Integer, CultureInfo.InvariantCulture);
    }
}
