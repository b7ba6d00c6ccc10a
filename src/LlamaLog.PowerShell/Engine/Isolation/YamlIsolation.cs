using System;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using LlamaLog.Engine.Config;

namespace LlamaLog.Engine.Isolation
{
    /// <summary>
    /// The one door to YamlDotNet. On PowerShell 7 the reader runs in <see cref="DependencyLoadContext"/> and is
    /// called through a delegate whose signature has BCL types only. On Windows PowerShell, which has no load
    /// contexts, the reader runs here and an AssemblyResolve handler finds YamlDotNet in <c>Dependencies</c>.
    /// </summary>
    public static class YamlIsolation
    {
        private const string YamlAssembly = "YamlDotNet";
        private static readonly object Gate = new object();
        private static Func<string, string[], object[]> reader;

        /// <summary>The folder holding the third-party assemblies.</summary>
        public static string DependencyFolder =>
            Path.Combine(Path.GetDirectoryName(typeof(YamlIsolation).Assembly.Location) ?? ".", "Dependencies");

        /// <summary>Whether the reader runs in the private load context (PowerShell 7) rather than the default one.</summary>
        public static bool IsIsolated { get; private set; }

        public static object[] Read(string text, string[] wantedTopLevelKeys)
        {
            Func<string, string[], object[]> read = reader;
            if (read == null)
            {
                lock (Gate)
                {
                    read = reader ?? (reader = CreateReader());
                }
            }

            return read(text, wantedTopLevelKeys);
        }

        private static Func<string, string[], object[]> CreateReader()
        {
            if (IsCoreClr())
            {
                IsIsolated = true;
                return CreateIsolatedReader();
            }

            AppDomain.CurrentDomain.AssemblyResolve += ResolveFromDependencies;
            return YamlSyntaxReader.Read;
        }

        private static bool IsCoreClr()
        {
            return string.Equals(typeof(object).Assembly.GetName().Name, "System.Private.CoreLib", StringComparison.Ordinal);
        }

        // Kept in its own method so Windows PowerShell never JIT-compiles a reference to AssemblyLoadContext.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Func<string, string[], object[]> CreateIsolatedReader()
        {
            DependencyLoadContext context = DependencyLoadContext.For(DependencyFolder, typeof(YamlIsolation).Assembly.Location);
            Assembly copy = context.LoadModuleCopy();
            MethodInfo method = copy.GetType(typeof(YamlSyntaxReader).FullName, throwOnError: true)
                .GetMethod(nameof(YamlSyntaxReader.Read), BindingFlags.Public | BindingFlags.Static);
            return (Func<string, string[], object[]>)method.CreateDelegate(typeof(Func<string, string[], object[]>));
        }

        // YamlDotNet only: Dependencies also holds the net8.0 OTLP bridge's assemblies, which .NET Framework cannot
        // run; their netstandard2.0 builds are OtlpIsolation's to resolve, from their own folder.
        private static Assembly ResolveFromDependencies(object sender, ResolveEventArgs args)
        {
            string name = new AssemblyName(args.Name).Name;
            if (!string.Equals(name, YamlAssembly, StringComparison.Ordinal))
            {
                return null;
            }

            string candidate = Path.Combine(DependencyFolder, name + ".dll");
            return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
        }
    }
}
