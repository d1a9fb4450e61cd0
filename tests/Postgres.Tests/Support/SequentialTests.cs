// Every test class runs its own Orleans cluster; on a 2-core machine shared with PostgreSQL and
// other builds, clusters side by side starve each other's membership probes and timers.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
