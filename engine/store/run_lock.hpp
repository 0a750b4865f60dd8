// The right of one process to execute a run. Two processes writing results of the same run
// would both evaluate the same revisions and the second would fail on the results' unique key,
// so `run --resume N` while run N is still executing elsewhere is refused with the process id
// of the holder. The lock is a POSIX record lock on byte N of `<store>.runs.lock`: the kernel
// drops it when the process ends, however it ends, so a killed run never leaves a stale lock.
#pragma once
#include <cstdint>
#include <string>

namespace pingcha::store {

class RunLock {
public:
    // Throws StoreError when another process holds run `run_id` of the store at `db_path`.
    RunLock(const std::string& db_path, int64_t run_id);
    ~RunLock();
    RunLock(const RunLock&) = delete;
    RunLock& operator=(const RunLock&) = delete;

private:
    int fd_ = -1;
};

}  // namespace pingcha::store
