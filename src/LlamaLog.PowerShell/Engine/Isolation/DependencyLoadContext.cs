using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace LlamaLog.Engine.Isolation
{
    /// <summary>
    /// The module's private load context on PowerShell 7: it loads the third-party assemblies of the
    /// <c>Dependencies</c> folder, and a second copy of this assembly whose YAML reader binds to them, so another
    /// module's YamlDotNet (any version, loaded before or after) never meets ours.
    /// </summary>
    internal sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private readonly string dependencyFolder;
        private readonly string moduleAssemblyPath;

        public DependencyLoadContext(string dependencyFolder, string moduleAssemblyPath)
        {
            this.dependencyFolder = dependencyFolder;
            this.moduleAssemblyPath = moduleAssemblyPath;
        }

        public Assembly LoadModuleCopy() => LoadFromAssemblyPath(moduleAssemblyPath);

        protected override Assembly Load(AssemblyName assemblyName)
        {
            if (string.Equals(assemblyName.Name, Path.GetFileNameWithoutExtension(moduleAssemblyPath), StringComparison.Ordinal))
            {
                return null;
            }

            string candidate = Path.Combine(dependencyFolder, assemblyName.Name + ".dll");

            // Everything not shipped in Dependencies (the framework, PowerShell) comes from the default context.
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }
    }
}
