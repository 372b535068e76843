package vn.dvcwatch.app;

import java.nio.file.Path;

/** What `demo` adds to a normal run: the simulated fleet that stands in for the registry's portals. */
public record DemoSettings(int portals, long seed, Path scenario) {}
