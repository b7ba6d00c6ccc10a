using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using LlamaLog.Engine.Otlp;

namespace LlamaLog.Engine.Isolation
{
    /// <summary>
    /// The one door to OpenTelemetry: loads the OTLP exporter bridge and starts an exporter pipeline through it. On
    /// PowerShell 7 (.NET 8 or later), <c>Dependencies/LlamaLog.Otlp.dll</c>, built for net8.0, goes into
    /// <see cref="DependencyLoadContext"/>. On Windows PowerShell (.NET Framework, no load contexts),
    /// <c>Dependencies/netstandard2.0/LlamaLog.Otlp.dll</c> goes into the AppDomain's one context, with an
    /// AssemblyResolve handler on that folder; its exporter has http/protobuf only.
    /// </summary>
    public static class OtlpIsolation
    {
        private const string BridgeAssembly = "LlamaLog.Otlp";
        private const string BridgeType = "LlamaLog.Otlp.OtlpExportBridge";
        private static readonly object Gate = new object();
        private static bool resolverAdded;

        /// <summary>The folder of the netstandard2.0 bridge and everything it needs, .NET Framework's missing assemblies included.</summary>
        public static string NetStandardFolder => Path.Combine(YamlIsolation.DependencyFolder, "netstandard2.0");

        /// <summary>Whether this PowerShell can export: PowerShell 7 on .NET 8 or later, or Windows PowerShell (.NET Framework).</summary>
        public static bool IsSupported => !IsCoreClr || Environment.Version.Major >= 8;

        /// <summary>Whether gRPC export works here: only with the net8.0 bridge, as .NET Framework's HttpClient has no HTTP/2.</summary>
        public static bool SupportsGrpc => UsesLoadContext;

        /// <summary>Whether the net8.0 bridge in the private load context is used, rather than the netstandard2.0 one in the default context.</summary>
        public static bool UsesLoadContext => IsCoreClr && !ForceNetFrameworkPath;

        // A test seam, set by reflection in a child pwsh before the module's first export: PowerShell 7 then loads
        // the netstandard2.0 bridge as Windows PowerShell does, which is the only way to run that build on this
        // project's Linux machines. A non-public static rather than an environment variable, so no user setting
        // (and no variable inherited by child processes) can ever choose the build without gRPC.
        private static bool ForceNetFrameworkPath { get; set; }

        private static bool IsCoreClr =>
            string.Equals(typeof(object).Assembly.GetName().Name, "System.Private.CoreLib", StringComparison.Ordinal);

        /// <summary>
        /// Starts an exporter for the given settings. Throws <see cref="PlatformNotSupportedException"/> on PowerShell
        /// 7 before 7.4 (.NET 6 or 7), and for gRPC where <see cref="SupportsGrpc"/> is false.
        /// </summary>
        public static OtlpExporterChannel Start(OtlpOptions options)
        {
            if (!IsSupported)
            {
                throw new PlatformNotSupportedException("OTLP export needs PowerShell 7.4 or later (.NET 8) or Windows PowerShell 5.1; this is .NET " + Environment.Version + ".");
            }

            if (options.Protocol == OtlpProtocol.Grpc && !SupportsGrpc)
            {
                throw new PlatformNotSupportedException(GrpcRefusal(options.ProtocolSource));
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

            return UsesLoadContext ? StartIsolated(settings, resource) : StartShared(settings, resource);
        }

        /// <summary>Why gRPC is refused here, naming where it was asked for (-OtlpProtocol or OTEL_EXPORTER_OTLP_PROTOCOL).</summary>
        public static string GrpcRefusal(string protocolSource) =>
            "OTLP over gRPC (" + protocolSource + ") is not supported on Windows PowerShell (.NET Framework), whose HttpClient has no HTTP/2; "
            + "http/protobuf (-OtlpProtocol HttpProtobuf, usually port 4318) works.";

        // Kept in its own method so Windows PowerShell never JIT-compiles a reference to AssemblyLoadContext.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static OtlpExporterChannel StartIsolated(IReadOnlyDictionary<string, string> settings, IReadOnlyList<KeyValuePair<string, object>> resource)
        {
            DependencyLoadContext context = DependencyLoadContext.For(YamlIsolation.DependencyFolder, typeof(OtlpIsolation).Assembly.Location);
            return StartBridge(context.LoadDependency(BridgeAssembly), settings, resource);
        }

        // .NET Framework: the bridge and its dependencies load from their folder into the AppDomain. No binding
        // redirects exist for them (the host is powershell.exe), so the handler answers a request for any version
        // of an assembly in the folder with the one there.
        private static OtlpExporterChannel StartShared(IReadOnlyDictionary<string, string> settings, IReadOnlyList<KeyValuePair<string, object>> resource)
        {
            lock (Gate)
            {
                if (!resolverAdded)
                {
                    AppDomain.CurrentDomain.AssemblyResolve += ResolveFromNetStandardFolder;
                    resolverAdded = true;
                }
            }

            Assembly bridge;
            try
            {
                bridge = Assembly.LoadFrom(Path.Combine(NetStandardFolder, BridgeAssembly + ".dll"));
            }
            catch (Exception e) when (e is FileNotFoundException || e is FileLoadException || e is BadImageFormatException)
            {
                throw new InvalidOperationException("The OTLP exporter could not be loaded: " + e.Message, e);
            }

            return StartBridge(bridge, settings, resource);
        }

        private static Assembly ResolveFromNetStandardFolder(object sender, ResolveEventArgs args)
        {
            string name = new AssemblyName(args.Name).Name;
            string candidate = Path.Combine(NetStandardFolder, name + ".dll");
            return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
        }

        private static OtlpExporterChannel StartBridge(Assembly bridge, IReadOnlyDictionary<string, string> settings, IReadOnlyList<KeyValuePair<string, object>> resource)
        {
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
