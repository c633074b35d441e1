namespace Monitor.Snapshots;

public enum ProcessRole { Worker, Monitor, External }

public enum ThreadRole { Worker, Runtime, Other }

public static class RoleNames
{
    public static string Name(this ProcessRole role) => role.ToString().ToLowerInvariant();
    public static string Name(this ThreadRole role) => role.ToString().ToLowerInvariant();
}
