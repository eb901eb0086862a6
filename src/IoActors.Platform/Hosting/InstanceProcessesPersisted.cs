namespace IoActors.Platform.Hosting;

/// <summary>
/// The journal event of <see cref="InstanceProcessJournal"/>: the OS process of every running instance after a change,
/// with the machine boot and the host process that wrote it (so a later start can tell its own previous run from
/// another running host, and a process from one of an earlier boot).
/// </summary>
/// <param name="BootId">The machine boot's ID (<c>/proc/sys/kernel/random/boot_id</c>).</param>
/// <param name="HostProcessId">The host process's pid.</param>
/// <param name="HostStartTime">The host process's start time (clock ticks after boot, <c>/proc/&lt;pid&gt;/stat</c>).</param>
/// <param name="RunId">The platform run that wrote it (a new one per platform start).</param>
/// <param name="Instances">The running instances' processes.</param>
internal sealed record InstanceProcessesPersisted(string BootId, int HostProcessId, long HostStartTime, string RunId, IReadOnlyList<InstanceProcessRecord> Instances);

/// <summary>One running instance's process: a pid plus its start time, so a pid reused by another process is never taken for it.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="AppName">Its app.</param>
/// <param name="ProcessId">The pid.</param>
/// <param name="StartTime">The process start time (clock ticks after boot, <c>/proc/&lt;pid&gt;/stat</c> field 22).</param>
internal sealed record InstanceProcessRecord(string InstanceId, string AppName, int ProcessId, long StartTime);
