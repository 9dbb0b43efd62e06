using System.Text;
using Boilerhouse.Core.Workloads;

namespace Boilerhouse.Sync.Limits;

/// <summary>
/// Admits a save's files one by one against the mapping's limits and the sink's key length, before
/// anything is read or sent: a file that can never be stored is refused (and reported), never retried.
/// </summary>
internal sealed class MappingBudget(SyncLimits limits, long spoolLimit)
{
    private int _files;
    private long _bytes;

    /// <summary>Null when the file fits (and is counted), else why it is refused.</summary>
    public string? Admit(string key, long length)
    {
        var reason = Encoding.UTF8.GetByteCount(key) > SinkReadCaps.KeyBytes ? $"its sink key is longer than {SinkReadCaps.KeyBytes} bytes"
            : length > limits.MaxFileSize ? $"it is bigger than max_file_size ({limits.MaxFileSize} bytes)"
            : length > SpooledContent.MemoryLimit && length > spoolLimit ? $"it is bigger than the spool limit ({spoolLimit} bytes, BOILERHOUSE_SYNC_SPOOL_LIMIT)"
            : _files >= limits.MaxFiles ? $"the mapping already has max_files ({limits.MaxFiles}) files"
            : _bytes + length > limits.MaxTotalSize ? $"it would take the mapping past max_total_size ({limits.MaxTotalSize} bytes)"
            : null;
        if (reason is null)
        {
            _files++;
            _bytes += length;
        }

        return reason;
    }
}
