using System;
using System.Collections;
using System.Linq.Expressions;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using System.Reflection;

namespace LlamaLog
{
    /// <summary>
    /// Puts a logger's host output into the transcripts of the runspace that created the logger.
    /// PowerShell transcribes only what it writes itself: a cmdlet's information stream (MshCommandRuntime's
    /// WriteInformation transcribes every PSHOST record, which is how Write-LlamaLog's output gets there) and
    /// Out-Default's output. A direct <see cref="PSHostUserInterface.WriteLine(string)"/>, which a logger method must
    /// use because it runs outside any cmdlet, is never transcribed, in a terminal or not. The method PowerShell
    /// transcribes with, <c>PSHostUserInterface.TranscribeResult(string)</c>, is internal, so it is found once by
    /// reflection; a PowerShell without it (none known: it is there from 5.0 to 7.6) gets host output only.
    /// That method finds the transcripts through the calling thread's <see cref="Runspace.DefaultRunspace"/>, which on
    /// another thread (a thread job, ForEach-Object -Parallel) is another runspace, with no transcript of its own:
    /// for the call, the creating runspace is made that thread's default, then the thread's own is put back.
    /// </summary>
    internal sealed class HostTranscript
    {
        private static readonly Action<PSHostUserInterface, string> TranscribeResult = FindTranscribeResult();

        private readonly PSHostUserInterface ui;
        private readonly Runspace runspace;

        // The creating runspace's transcription state (internal to PowerShell): with it, a record written while no
        // transcript runs costs two reads instead of TranscribeResult's lock and look-ups (0.6 µs). Null when not
        // found; then every record goes through TranscribeResult, which checks for itself.
        private static Func<object, object> systemTranscriptOf;
        private readonly object state;
        private readonly ICollection transcripts;

        public HostTranscript(PSHostUserInterface ui, Runspace runspace)
        {
            this.ui = ui;
            this.runspace = runspace;
            if (TranscribeResult == null || ui == null || runspace == null)
            {
                return;
            }

            try
            {
                state = runspace.GetType().GetProperty("TranscriptionData", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(runspace);
                transcripts = state?.GetType().GetProperty("Transcripts", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(state) as ICollection;
                PropertyInfo system = state?.GetType().GetProperty("SystemTranscript", BindingFlags.Instance | BindingFlags.NonPublic);
                if (system != null && systemTranscriptOf == null)
                {
                    // Compiled once per process (every runspace's state is of the one type); a race compiles it twice.
                    ParameterExpression input = Expression.Parameter(typeof(object), "state");
                    systemTranscriptOf = Expression.Lambda<Func<object, object>>(
                        Expression.Convert(Expression.Property(Expression.Convert(input, state.GetType()), system), typeof(object)), input).Compile();
                }
            }
            catch (Exception e) when (e is TargetInvocationException || e is ArgumentException || e is InvalidOperationException || e is MemberAccessException)
            {
                state = null;
            }
        }

        /// <summary>Adds host text to the creating runspace's transcripts, if it has any.</summary>
        public void Write(string text)
        {
            if (TranscribeResult == null || ui == null || runspace == null)
            {
                return;
            }

            if (state != null && transcripts != null && systemTranscriptOf != null
                && transcripts.Count == 0 && systemTranscriptOf(state) == null)
            {
                return;
            }

            Runspace own = Runspace.DefaultRunspace;
            bool swap = !ReferenceEquals(own, runspace);
            if (swap)
            {
                Runspace.DefaultRunspace = runspace;
            }

            try
            {
                TranscribeResult(ui, text);
            }
            finally
            {
                if (swap)
                {
                    Runspace.DefaultRunspace = own;
                }
            }
        }

        private static Action<PSHostUserInterface, string> FindTranscribeResult()
        {
            MethodInfo method = typeof(PSHostUserInterface).GetMethod(
                "TranscribeResult", BindingFlags.Instance | BindingFlags.NonPublic, null, new[] { typeof(string) }, null);
            if (method == null || method.ReturnType != typeof(void))
            {
                return null;
            }

            try
            {
                return (Action<PSHostUserInterface, string>)Delegate.CreateDelegate(typeof(Action<PSHostUserInterface, string>), method);
            }
            catch (ArgumentException)
            {
                return null;
            }
        }
    }
}
