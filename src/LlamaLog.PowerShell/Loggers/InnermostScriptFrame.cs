using System;
using System.Linq.Expressions;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Reflection;

namespace LlamaLog
{
    /// <summary>
    /// The position of the innermost script frame of a runspace's debugger, read without building the whole call
    /// stack. <c>Debugger.GetCallStack()</c> copies the stack into an array and makes a frame object per level
    /// (0.18 µs a call, an eighth of a logger call writing a file); what a record needs is the last frame's current
    /// position and function name, which PowerShell's script debugger keeps in its call-stack list. The members are
    /// PowerShell's internals, found once by reflection and compiled into delegates; when they are not there (another
    /// PowerShell version), <see cref="IsAvailable"/> is false and callers use the public API.
    /// </summary>
    internal static class InnermostScriptFrame
    {
        private static readonly Func<Debugger, object> LastFunctionContext;
        private static readonly Func<object, IScriptExtent> PositionOf;
        private static readonly Func<object, string> FunctionNameOf;

        static InnermostScriptFrame()
        {
            try
            {
                const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
                Assembly automation = typeof(Debugger).Assembly;
                Type scriptDebugger = automation.GetType("System.Management.Automation.ScriptDebugger");
                FieldInfo callStack = scriptDebugger?.GetField("_callStack", Instance);
                MethodInfo lastContext = callStack?.FieldType.GetMethod("LastFunctionContext", Instance, null, Type.EmptyTypes, null);
                Type functionContext = automation.GetType("System.Management.Automation.Language.FunctionContext");
                PropertyInfo position = functionContext?.GetProperty("CurrentPosition", Instance);
                FieldInfo functionName = functionContext?.GetField("_functionName", Instance);
                if (lastContext == null || position == null || functionName == null || !functionContext.IsAssignableFrom(lastContext.ReturnType)
                    || !typeof(IScriptExtent).IsAssignableFrom(position.PropertyType) || functionName.FieldType != typeof(string))
                {
                    return;
                }

                ParameterExpression debugger = Expression.Parameter(typeof(Debugger), "debugger");
                LastFunctionContext = Expression.Lambda<Func<Debugger, object>>(
                    Expression.Condition(
                        Expression.TypeIs(debugger, scriptDebugger),
                        Expression.Convert(Expression.Call(Expression.Field(Expression.Convert(debugger, scriptDebugger), callStack), lastContext), typeof(object)),
                        Expression.Constant(null, typeof(object))),
                    debugger).Compile();

                ParameterExpression context = Expression.Parameter(typeof(object), "context");
                PositionOf = Expression.Lambda<Func<object, IScriptExtent>>(
                    Expression.Convert(Expression.Property(Expression.Convert(context, functionContext), position), typeof(IScriptExtent)), context).Compile();
                FunctionNameOf = Expression.Lambda<Func<object, string>>(
                    Expression.Field(Expression.Convert(context, functionContext), functionName), context).Compile();
            }
            catch (Exception e) when (e is ArgumentException || e is InvalidOperationException || e is MemberAccessException || e is NotSupportedException)
            {
                LastFunctionContext = null;
            }
        }

        /// <summary>Whether this PowerShell has the members read here.</summary>
        public static bool IsAvailable => LastFunctionContext != null;

        /// <summary>
        /// The innermost frame's line, script path and function name; false when the debugger is not PowerShell's
        /// script debugger, is stopped at a breakpoint (the public call stack then starts at the breakpoint's frame),
        /// or has no frame.
        /// </summary>
        public static bool TryRead(Debugger debugger, out int line, out string scriptPath, out string function)
        {
            line = 0;
            scriptPath = null;
            function = null;
            if (LastFunctionContext == null || debugger.InBreakpoint)
            {
                return false;
            }

            object context = LastFunctionContext(debugger);
            IScriptExtent position = context == null ? null : PositionOf(context);
            if (position == null)
            {
                return false;
            }

            line = position.StartLineNumber;
            scriptPath = position.File;
            function = FunctionNameOf(context);
            return true;
        }
    }
}
