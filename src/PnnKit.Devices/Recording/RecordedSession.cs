namespace PnnKit.Devices.Recording;

/// <summary>One session of a <see cref="RecordingFile"/>: its header and the records written after it, in order.</summary>
public sealed record RecordedSession(DeviceRecord Header, IReadOnlyList<DeviceRecord> Records)
{
    /// <summary>The checkpoint markers of this session.</summary>
    public IEnumerable<DeviceRecord> Checkpoints => Records.Where(r => r.Kind == DeviceRecord.CheckpointKind);

    /// <summary>The measurements and gradient calls of this session: the device queries.</summary>
    public IEnumerable<DeviceRecord> Queries => Records.Where(r => r.Kind is DeviceRecord.MeasureKind or DeviceRecord.GradientKind);

    /// <summary>
    /// The queries a run that went on in a later session kept: those up to this session's last checkpoint (none when it
    /// has none), since the run resumed from that checkpoint and redid the rest.
    /// </summary>
    public IEnumerable<DeviceRecord> QueriesKeptOnResume()
    {
        int last = -1;
        for (int i = 0; i < Records.Count; i++)
        {
            if (Records[i].Kind == DeviceRecord.CheckpointKind)
            {
                last = i;
            }
        }
        return Records.Take(last + 1).Where(r => r.Kind != DeviceRecord.CheckpointKind);
    }
}
