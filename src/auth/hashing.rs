//! The threads Argon2id runs on: off the async runtime, a few of them, at
//! a lower scheduling priority, each keeping its memory between hashes.
//!
//! - Memory: allocating a hash's 19 MiB afresh cost ~5,000 page faults, a
//!   third of a sign-in's CPU. A thread keeps its blocks and frees them
//!   after a few quiet seconds, so an idle server stays small.
//! - Priority: the threads run under Linux's `SCHED_IDLE` policy, which
//!   any other thread preempts the moment it wakes, so a sign-in storm
//!   takes only the CPU that requests leave idle and cannot slow them
//!   (`{ me }` under a storm stays near its idle latency). At nice 19 a
//!   request still waited for the hash's time slice, four times its idle
//!   p99.
//! - Bound: one thread per core (at most four) bounds both CPU and memory
//!   (4 × 19 MiB); further work waits in the queue. Work whose caller has
//!   gone (a dropped request) is skipped.

use std::panic::AssertUnwindSafe;
use std::sync::OnceLock;
use std::time::Duration;

use argon2::Block;
use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};
use thread_priority::ThreadPriority;
use thread_priority::unix::{
    NormalThreadSchedulePolicy, ThreadSchedulePolicy, set_thread_priority_and_policy,
    thread_native_id,
};
use tokio::sync::oneshot;

use crate::error::AppError;

/// How long a thread keeps its memory with nothing to hash.
const KEEP_MEMORY: Duration = Duration::from_secs(10);
/// How the threads are scheduled: after everything else.
const POLICY: ThreadSchedulePolicy = ThreadSchedulePolicy::Normal(NormalThreadSchedulePolicy::Idle);
/// Most threads (and so most hashes in memory at once).
const MAX_THREADS: usize = 4;

/// A hashing thread's Argon2 memory, kept between hashes.
#[derive(Default)]
pub(crate) struct Memory {
    blocks: Vec<Block>,
}

impl Memory {
    /// `count` blocks, reusing what the thread holds. Only sizes up to
    /// `keep` blocks are kept; a larger one (a stored hash made with more
    /// memory than today's) is allocated for this hash alone.
    pub(crate) fn blocks(&mut self, count: usize, keep: usize) -> MemoryFor<'_> {
        if count > keep {
            return MemoryFor::Once(vec![Block::default(); count]);
        }
        if self.blocks.len() < count {
            self.blocks = vec![Block::default(); count];
        }
        MemoryFor::Kept(&mut self.blocks[..count])
    }
}

/// Blocks for one hash: the thread's own, or a one-off allocation.
pub(crate) enum MemoryFor<'a> {
    Kept(&'a mut [Block]),
    Once(Vec<Block>),
}

impl AsMut<[Block]> for MemoryFor<'_> {
    fn as_mut(&mut self) -> &mut [Block] {
        match self {
            MemoryFor::Kept(blocks) => blocks,
            MemoryFor::Once(blocks) => blocks,
        }
    }
}

type Job = Box<dyn FnOnce(&mut Memory) + Send>;

/// Runs `work` on a hashing thread and waits for its answer.
pub(crate) async fn run<T, F>(work: F) -> Result<T, AppError>
where
    T: Send + 'static,
    F: FnOnce(&mut Memory) -> T + Send + 'static,
{
    let (reply, answer) = oneshot::channel();
    let job: Job = Box::new(move |memory| {
        // A caller that has gone would never read the answer.
        if !reply.is_closed() {
            let _ = reply.send(work(memory));
        }
    });
    threads().send(job).map_err(|_| {
        AppError::Internal(anyhow::anyhow!("no password hashing thread is running"))
    })?;
    answer
        .await
        .map_err(|_| AppError::Internal(anyhow::anyhow!("a password hashing thread failed")))
}

/// The queue the threads take work from; started on first use.
fn threads() -> &'static Sender<Job> {
    static QUEUE: OnceLock<Sender<Job>> = OnceLock::new();
    QUEUE.get_or_init(|| {
        let (queue, jobs) = crossbeam_channel::unbounded::<Job>();
        let count = std::thread::available_parallelism()
            .map_or(1, std::num::NonZeroUsize::get)
            .min(MAX_THREADS);
        for n in 0..count {
            let jobs = jobs.clone();
            let started = std::thread::Builder::new()
                .name(format!("argon2-{n}"))
                .spawn(move || work(&jobs));
            if let Err(err) = started {
                // With none started, `run` answers INTERNAL at once (the
                // queue has no receiver) rather than waiting forever.
                tracing::error!(%err, "could not start a password hashing thread");
            }
        }
        queue
    })
}

/// One thread's loop: lower its priority, then run jobs until the queue
/// closes, dropping its memory whenever it has been idle a while.
fn work(jobs: &Receiver<Job>) {
    if let Err(err) =
        set_thread_priority_and_policy(thread_native_id(), ThreadPriority::Min, POLICY)
    {
        tracing::debug!(%err, "password hashing thread keeps the default priority");
    }
    let mut memory = Memory::default();
    loop {
        match jobs.recv_timeout(KEEP_MEMORY) {
            Ok(job) => {
                // A panic fails that one caller (its reply is dropped),
                // not the thread.
                if std::panic::catch_unwind(AssertUnwindSafe(|| job(&mut memory))).is_err() {
                    memory = Memory::default();
                }
            }
            Err(RecvTimeoutError::Timeout) => memory = Memory::default(),
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn threads_run_below_request_priority() -> Result<(), AppError> {
        let policy = run(|_| thread_priority::unix::thread_schedule_policy()).await?;
        assert_eq!(policy.ok(), Some(POLICY));
        Ok(())
    }

    #[test]
    fn memory_is_kept_up_to_its_bound_and_no_further() {
        let mut memory = Memory::default();
        let first = match memory.blocks(64, 128) {
            MemoryFor::Kept(blocks) => blocks.as_ptr(),
            MemoryFor::Once(_) => panic!("64 blocks are within the bound"),
        };
        let again = match memory.blocks(32, 128) {
            MemoryFor::Kept(blocks) => blocks.as_ptr(),
            MemoryFor::Once(_) => panic!("32 blocks are within the bound"),
        };
        assert_eq!(first, again, "the same allocation serves the next hash");
        assert!(matches!(memory.blocks(256, 128), MemoryFor::Once(b) if b.len() == 256));
        assert_eq!(memory.blocks.len(), 64, "a one-off size is not kept");
    }
}
