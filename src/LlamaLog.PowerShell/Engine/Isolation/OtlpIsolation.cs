using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using LlamaLog.Engine.Otlp;

namespace LlamaLog.Engine.Isolation
{
    /// <summary>
    /// The one door to OpenTelemetry: loads <c>Dependencies/LlamaLog.Otlp.dll</c> (the OTLP exporter bridge, built
    /// for net8.0) into <see cref="DependencyLoadContext"/> and starts an exporter pipeline through it. Only
    /// PowerShell 7 can: Windows PowerShell has no load contexts and no net8.0 runtime.
    /// </summary>
    public static class OtlpIsolation
    {
        private const string BridgeAssembly = "LlamaLog.Otlp";
        private const string BridgeType = "LlamaLog.Otlp.OtlpExportBridge";

        /// <summary>Whether this PowerShell can export (PowerShell 7 on .NET 8 or later).</summary>
        public static bool IsSupported =>
            string.Equals(typeof(object).Assembly.GetName().Name, "System.Private.CoreLib", StringComparison.Ordinal)
            && Environment.Version.Major >= 8;

        /// <summary>Starts an exporter for the given settings. Throws <see cref="PlatformNotSupportedException"/> on Windows PowerShell.</summary>
        public static OtlpExporterChannel Start(OtlpOptions options)
        {
            if (!IsSupported)
            {
                throw new PlatformNotSupportedException("OTLP export needs PowerShell 7.4 or later (.NET 8); this is " + Environment.Version + ".");
            }

            var settings = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["endpoint"] = options.LogsEndpoint.AbsoluteUri,
                ["protocol"] = options.Protocol == OtlpProtocol.Grpc ? "grpc" : "http/protobuf",
                ["headers"] = options.HeaderText(),
                ["timeoutMilliseconds"] = Invariant(options.TimeoutMilliseconds),
                ["scheduledDelayMilliseconds"] = Invariant(options.ScheduleDelayMilliseconds),
                ["maxQueueSize"] = Invariant(options.SdkQueueSize),
                ["maxExportBatchSize"] = Invariant(options.MaxExportBatchSize),
                ["exportTimeoutMilliseconds"] = Invariant(options.ExportTimeoutMilliseconds),
            };
            if (options.RetryPath != null)
            {
                settings["retryPath"] = options.RetryPath;
            }

            var resource = new List<KeyValuePair<string, object>>();
            foreach (KeyValuePair<string, string> attribute in options.ResourceAttributes)
            {
                if (!string.Equals(attribute.Key, "service.name", StringComparison.Ordinal))
                {
                    resource.Add(new KeyValuePair<string, object>(attribute.Key, attribute.Value));
                }
            }

            resource.Insert(0, new KeyValuePair<string, object>("service.name", options.ServiceName));
            using (Process process = Process.GetCurrentProcess())
            {
                resource.Add(new KeyValuePair<string, object>("process.pid", (long)process.Id));
            }

            return StartIsolated(settings, resource);
        }

        // Kept in its own method so Windows PowerShell never JIT-compiles a reference to AssemblyLoadContext.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static OtlpExporterChannel StartIsolated(IReadOnlyDictionary<string, string> settings, IReadOnlyList<KeyValuePair<string, object>> resource)
        {
            DependencyLoadContext context = DependencyLoadContext.For(YamlIsolation.DependencyFolder, typeof(OtlpIsolation).Assembly.Location);
            Assembly bridge = context.LoadDependency(BridgeAssembly);
            MethodInfo start = bridge.GetType(BridgeType, throwOnError: true).GetMethod("Start", BindingFlags.Public | BindingFlags.Static);
            var arguments = new object[] { settings, resource, null, null, null, null };
            try
            {
                start.Invoke(null, arguments);
            }
            catch (TargetInvocationException e) when (e.InnerException != null)
            {
                throw new InvalidOperationException("The OTLP exporter could not start: " + e.InnerException.Message, e.InnerException);
            }

            return new OtlpExporterChannel(
                (Action<DateTime, int, string, string, IReadOnlyList<KeyValuePair<string, object>>, string, string, int, string>)arguments[2],
                (Func<int, bool>)arguments[3],
                (Func<long[]>)arguments[4],
                (Func<int, bool>)arguments[5]);
        }

        private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
