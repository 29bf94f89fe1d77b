//! A reference to driver-owned state handed to units that the driver joins before that state is dropped.
//!
//! Spawning a thread or a task needs a `'static` closure; an `Arc` would do, but its clone and its drop on
//! the unit's CPU would be timed with every unit of a creation batch. The driver keeps the state alive until
//! it has joined every unit, and a unit that cannot be joined ends the process (`failure`), so the pointer
//! never outlives what it points to.

pub struct JoinedRef<T: Sync> {
    target: *const T,
}

// SAFETY: a JoinedRef is only a shared reference to a Sync value that outlives every unit holding it.
unsafe impl<T: Sync> Send for JoinedRef<T> {}
unsafe impl<T: Sync> Sync for JoinedRef<T> {}

impl<T: Sync> Clone for JoinedRef<T> {
    fn clone(&self) -> Self {
        JoinedRef { target: self.target }
    }
}
impl<T: Sync> Copy for JoinedRef<T> {}

impl<T: Sync> JoinedRef<T> {
    /// # Safety
    /// The caller joins every unit given this reference before `target` is dropped or moved.
    pub unsafe fn new(target: &T) -> JoinedRef<T> {
        JoinedRef { target }
    }

    pub fn get(&self) -> &T {
        // SAFETY: see `new`.
        unsafe { &*self.target }
    }
}
