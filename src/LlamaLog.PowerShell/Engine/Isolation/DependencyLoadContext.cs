using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace LlamaLog.Engine.Isolation
{
    /// <summary>
    /// The module's private load context on PowerShell 7: it loads the third-party assemblies of the
    /// <c>Dependencies</c> folder (YamlDotNet, the OTLP bridge and OpenTelemetry with its Microsoft.Extensions
    /// assemblies), and a second copy of this assembly whose YAML reader binds to them, so another module's
    /// versions (loaded before or after) never meet ours. One context serves every dependency.
    /// </summary>
    internal sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private static readonly object Gate = new object();
        private static DependencyLoadContext shared;

        private readonly string dependencyFolder;
        private readonly string moduleAssemblyPath;
        private readonly string frameworkFolder;

        public DependencyLoadContext(string dependencyFolder, string moduleAssemblyPath)
        {
            this.dependencyFolder = dependencyFolder;
            this.moduleAssemblyPath = moduleAssemblyPath;
            frameworkFolder = Path.GetDirectoryName(typeof(object).Assembly.Location) ?? string.Empty;
        }

        /// <summary>The context of this module assembly, made on first use.</summary>
        public static DependencyLoadContext For(string dependencyFolder, string moduleAssemblyPath)
        {
            lock (Gate)
            {
                return shared ?? (shared = new DependencyLoadContext(dependencyFolder, moduleAssemblyPath));
            }
        }

        public Assembly LoadModuleCopy() => LoadFromAssemblyPath(moduleAssemblyPath);

        /// <summary>Loads an assembly of the Dependencies folder by file name, without extension.</summary>
        public Assembly LoadDependency(string name) => LoadFromAssemblyName(new AssemblyName(name));

        protected override Assembly Load(AssemblyName assemblyName)
        {
            if (string.Equals(assemblyName.Name, Path.GetFileNameWithoutExtension(moduleAssemblyPath), StringComparison.Ordinal))
            {
                return null;
            }

            // The shared framework's assemblies (System.Diagnostics.DiagnosticSource above all) come from the default
            // context even when a package put a copy in Dependencies: a private Activity type would not see the
            // session's Activity.Current.
            if (File.Exists(Path.Combine(frameworkFolder, assemblyName.Name + ".dll")))
            {
                return null;
            }

            string candidate = Path.Combine(dependencyFolder, assemblyName.Name + ".dll");

            // Everything else not shipped in Dependencies (PowerShell's own assemblies) comes from the default context.
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }
    }
}
