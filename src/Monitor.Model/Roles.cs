namespace Monitor.Model;

public enum ProcessRole { Worker, Monitor, External }

public enum ThreadRole { Worker, Runtime, Other }
