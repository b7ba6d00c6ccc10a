using System;
using System.Management.Automation;

namespace LlamaLog.Cmdlets
{
    /// <summary>
    /// Lets Write-LlamaLog's -ErrorRecord take pipeline input next to -Message in one parameter set. PowerShell
    /// offers every piped object to every pipeline parameter of the set; a string offered to an ErrorRecord
    /// parameter fails by an exception inside the binder, about 10 µs per object. This turns anything that is
    /// not an error record into <see cref="NotAnErrorRecord"/> instead, which binds at no cost and which the
    /// cmdlet ignores for piped objects and refuses on the command line.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
    public sealed class PipedErrorRecordTransformationAttribute : ArgumentTransformationAttribute
    {
        /// <summary>What a value that is not an error record binds as.</summary>
        public static readonly ErrorRecord NotAnErrorRecord = new ErrorRecord(
            new ArgumentException("Not an error record."), "NotAnErrorRecord", ErrorCategory.InvalidArgument, null);

        // The last value refused on this thread: Write-LlamaLog logs it when it bound nowhere else (an array), and
        // forgets it at the end of the record, so a piped object does not stay reachable from a thread static.
        [ThreadStatic]
        private static object lastRefused;

        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            object value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            if (value == null || value is ErrorRecord)
            {
                return inputData;
            }

            lastRefused = value;
            return NotAnErrorRecord;
        }

        /// <summary>The type of the value most recently refused on this thread (for an error message).</summary>
        internal static Type LastRefusedType => lastRefused?.GetType();

        /// <summary>The value most recently refused on this thread, until <see cref="ForgetRefused"/>.</summary>
        internal static object LastRefusedValue => lastRefused;

        internal static void ForgetRefused() => lastRefused = null;
    }
}
