using Microsoft.Extensions.Logging;

namespace IoActors.Kernel.Internal;

/// <summary>System-message processing: lifecycle, supervision and death watch.</summary>
internal sealed partial class ActorCell
{
    private void ProcessSystemMessages()
    {
        var list = Interlocked.Exchange(ref _systemInbox, null);
        SystemMessage? ordered = null;
        while (list is not null)
        {
            var next = list.Next;
            list.Next = ordered;
            ordered = list;
            list = next;
        }

        while (ordered is not null)
        {
            var message = ordered;
            ordered = message.Next;
            message.Next = null;
            try
            {
                HandleSystem(message);
            }
            catch (Exception ex)
            {
                _system.Logger.LogError(ex, "Actor {ActorPath} failed to process system message {SystemMessage}", _path.ToString(), message.GetType().Name);
            }
        }
    }

    private void HandleSystem(SystemMessage message)
    {
        if ((_flags & FlagTerminated) != 0)
        {
            if (message is Watch watch && ReferenceEquals(watch.Watchee, this))
            {
                watch.Watcher.SendSystem(new DeathWatchNotification(this, true));
            }

            return;
        }

        switch (message)
        {
            case Recreate recreate:
                HandleRecreate(recreate.Cause);
                break;
            case Resume:
                if ((_flags & FlagFailed) != 0 && (_flags & FlagRestarting) == 0)
                {
                    _flags &= ~FlagFailed;
                    if (_actor is null)
                    {
                        // Creation failed: there is no instance to resume, so create one (as a restart would).
                        NewActorInstance(null);
                    }
                }

                break;
            case Terminate:
                HandleTerminate();
                break;
            case Watch watch:
                if (ReferenceEquals(watch.Watchee, this) && !ReferenceEquals(watch.Watcher, this))
                {
                    (Extras.WatchedBy ??= []).Add(watch.Watcher);
                }

                break;
            case Unwatch unwatch:
                _extras?.WatchedBy?.Remove(unwatch.Watcher);
                break;
            case DeathWatchNotification notification:
                HandleDeathWatchNotification(notification);
                break;
            case Failed failed:
                HandleFailed(failed.Child, failed.Cause);
                break;
            case AsyncCompleted completed:
                HandleAsyncCompleted(completed.Task);
                break;
            case RunContinuation continuation:
                HandleContinuation(continuation);
                break;
        }
    }

    private void HandleCreate()
    {
        if ((_flags & FlagNotCreated) == 0)
        {
            return;
        }

        _flags &= ~FlagNotCreated;
        if ((_flags & FlagTerminating) != 0)
        {
            return;
        }

        NewActorInstance(null);
    }

    private void NewActorInstance(Exception? restartCause)
    {
        try
        {
            ActorBase actor;
            Constructing = this;
            try
            {
                actor = _props.Factory();
            }
            finally
            {
                Constructing = null;
            }

            if (actor is null || !ReferenceEquals(actor.Cell, this))
            {
                throw new InvalidOperationException($"The Props factory of '{_path}' must return a new {_props.ActorType.Name} instance on each call.");
            }

            _actor = actor;
            if (actor is IWithStash withStash)
            {
                withStash.Stash = Extras.Stash ??= new ActorStash(this);
            }

            if (actor is IWithTimers withTimers)
            {
                withTimers.Timers = Extras.Timers ??= new TimerScheduler(this);
            }

            if (restartCause is null)
            {
                actor.InvokePreStart();
            }
            else
            {
                actor.InvokePostRestart(restartCause);
            }
        }
        catch (Exception ex)
        {
            _actor = null;
            var phase = restartCause is null ? "start" : "restart";
            HandleInvokeFailure(ex as ActorInitializationException
                ?? new ActorInitializationException(this, $"Actor '{_path}' ({_props.ActorType.Name}) failed to {phase}: {ex.Message}", ex));
        }
    }

    private void HandleRecreate(Exception cause)
    {
        if ((_flags & (FlagTerminating | FlagNotCreated)) != 0)
        {
            return;
        }

        var actor = _actor;
        if (actor is null)
        {
            _flags &= ~(FlagFailed | FlagAwaiting);
            NewActorInstance(null);
            return;
        }

        var failedMessage = (_flags & FlagFailed) != 0 ? _currentMessage : null;
        try
        {
            actor.InvokePreRestart(cause, failedMessage);
        }
        catch (Exception ex)
        {
            _system.Logger.LogError(ex, "PreRestart of actor {ActorPath} threw", _path.ToString());
        }

        ResetIncarnationState();
        var extras = Extras;
        extras.Stash?.UnstashAllOnRestart();
        _flags = (_flags | FlagRestarting) & ~FlagAwaiting;
        extras.PendingRecreate = cause;
        if (extras.StoppingChildren is not { Count: > 0 })
        {
            FinishRecreate();
        }
    }

    private void FinishRecreate()
    {
        var extras = Extras;
        var cause = extras.PendingRecreate!;
        extras.PendingRecreate = null;
        _flags &= ~(FlagRestarting | FlagFailed);
        _actor = null;
        NewActorInstance(cause);
    }

    /// <summary>Clears what belongs to one actor instance: timers, receive timeout, behaviors, pending async work.</summary>
    private void ResetIncarnationState()
    {
        var extras = _extras;
        if (extras is null)
        {
            return;
        }

        extras.Timers?.CancelAll();
        extras.ReceiveTimeout = null;
        extras.ReceiveTimeoutGeneration++;
        extras.ReceiveTimeoutTimer?.Dispose();
        extras.ReceiveTimeoutTimer = null;
        extras.Behaviors?.Clear();
        extras.PendingTask = null;
        extras.SyncContext = null;
    }

    private void HandleTerminate()
    {
        if ((_flags & FlagTerminating) != 0)
        {
            return;
        }

        // Set before taking the children lock, so a concurrent AttachChild either lands in the snapshot or sees the flag.
        _flags |= FlagTerminating;
        if (_extras is null)
        {
            FinishTerminate();
            return;
        }

        ResetIncarnationState();
        var children = ChildrenSnapshot();
        if (children.Count == 0)
        {
            FinishTerminate();
            return;
        }

        var stopping = Extras.StoppingChildren ??= [];
        foreach (var child in children)
        {
            stopping.Add(child);
            child.SendSystem(new Terminate());
        }
    }

    private void FinishTerminate()
    {
        var actor = _actor;
        if (actor is not null && (_flags & FlagRestarting) == 0)
        {
            try
            {
                actor.InvokePostStop();
            }
            catch (Exception ex)
            {
                _system.Logger.LogError(ex, "PostStop of actor {ActorPath} threw", _path.ToString());
            }
        }

        _actor = null;
        Volatile.Write(ref _flags, _flags | FlagTerminated);

        var extras = _extras;
        if (extras is not null)
        {
            if (extras.EventStreamSubscriber)
            {
                _system.EventStream.Unsubscribe(this);
            }

            extras.Stash?.DrainToDeadLetters();
            if (extras.Watching is { } watching)
            {
                foreach (var watchee in watching.Keys)
                {
                    watchee.SendSystem(new Unwatch(watchee, this));
                }

                watching.Clear();
            }
        }

        _parent.SendSystem(new DeathWatchNotification(this, true));
        if (extras?.WatchedBy is { } watchers)
        {
            foreach (var watcher in watchers)
            {
                if (!ReferenceEquals(watcher, _parent))
                {
                    watcher.SendSystem(new DeathWatchNotification(this, true));
                }
            }

            watchers.Clear();
        }

        _currentMessage = null;
        _currentSender = null;
    }

    private void HandleDeathWatchNotification(DeathWatchNotification notification)
    {
        var actor = notification.Actor;
        if (actor is ActorCell child && ReferenceEquals(child._parent, this))
        {
            HandleChildTerminated(child);
        }

        if ((_flags & FlagTerminating) != 0)
        {
            return;
        }

        if (_extras?.Watching is { } watching && watching.TryGetValue(actor, out var entry) && !entry.Notified)
        {
            entry.Notified = true;
            Enqueue(new DeathWatchDelivery(actor, notification.ExistenceConfirmed), actor);
        }
    }

    private void HandleChildTerminated(ActorCell child)
    {
        var extras = Extras;
        lock (this)
        {
            if (extras.Children is { } children && children.TryGetValue(child._path.Name, out var existing) && ReferenceEquals(existing, child))
            {
                children.Remove(child._path.Name);
            }
        }

        extras.StoppingChildren?.Remove(child);
        if ((_flags & FlagTerminating) != 0)
        {
            if (ChildCount() == 0)
            {
                FinishTerminate();
            }
        }
        else if ((_flags & FlagRestarting) != 0 && extras.StoppingChildren is not { Count: > 0 })
        {
            FinishRecreate();
        }
    }

    private void HandleFailed(ActorCell child, Exception cause)
    {
        if ((_flags & FlagTerminating) != 0 || !IsLiveChild(child))
        {
            return;
        }

        SupervisorStrategy strategy;
        try
        {
            strategy = _props.SupervisorStrategy ?? _actor?.InvokeSupervisorStrategy() ?? SupervisorStrategy.DefaultStrategy;
        }
        catch (Exception ex)
        {
            _system.Logger.LogError(ex, "SupervisorStrategy() of actor {ActorPath} threw; using the default strategy", _path.ToString());
            strategy = SupervisorStrategy.DefaultStrategy;
        }

        var directive = strategy.Decide(cause);
        if (directive == Directive.Escalate && _parent is SystemRootRef)
        {
            directive = Directive.Stop;
        }

        if (strategy.LoggingEnabled)
        {
            var level = directive == Directive.Resume ? LogLevel.Warning : LogLevel.Error;
            _system.Logger.Log(level, cause, "Actor {ActorPath} failed: {Reason} (directive: {Directive})", child._path.ToString(), cause.Message, directive);
        }

        var now = _system.TimeProvider.GetTimestamp();
        switch (directive)
        {
            case Directive.Resume:
                child.SendSystem(new Resume());
                break;
            case Directive.Restart when strategy.AppliesToAllChildren:
                var all = LiveChildren();
                var permitted = true;
                foreach (var c in all)
                {
                    permitted &= strategy.RequestRestartPermission(c.Extras.RestartStats ??= new ChildRestartStats(), now, _system.TimeProvider);
                }

                foreach (var c in all)
                {
                    if (permitted)
                    {
                        c.SendSystem(new Recreate(cause));
                    }
                    else
                    {
                        StopChild(c);
                    }
                }

                break;
            case Directive.Restart:
                if (strategy.RequestRestartPermission(child.Extras.RestartStats ??= new ChildRestartStats(), now, _system.TimeProvider))
                {
                    child.SendSystem(new Recreate(cause));
                }
                else
                {
                    StopChild(child);
                }

                break;
            case Directive.Stop when strategy.AppliesToAllChildren:
                foreach (var c in LiveChildren())
                {
                    StopChild(c);
                }

                break;
            case Directive.Stop:
                StopChild(child);
                break;
            default:
                HandleInvokeFailure(cause);
                break;
        }
    }

    private void StopChild(ActorCell child)
    {
        (Extras.StoppingChildren ??= []).Add(child);
        child.SendSystem(new Terminate());
    }

    private bool IsLiveChild(ActorCell child)
    {
        if (!ReferenceEquals(child._parent, this) || child.IsTerminated)
        {
            return false;
        }

        return _extras?.StoppingChildren?.Contains(child) != true;
    }

    private List<ActorCell> LiveChildren()
    {
        var list = ChildrenSnapshot();
        list.RemoveAll(c => !IsLiveChild(c));
        return list;
    }

    private void HandleAsyncCompleted(Task task)
    {
        var extras = _extras;
        if ((_flags & FlagTerminating) != 0 || extras is null || !ReferenceEquals(extras.PendingTask, task))
        {
            return;
        }

        extras.PendingTask = null;
        _flags &= ~FlagAwaiting;
        if (task.IsFaulted)
        {
            var exception = task.Exception!;
            HandleInvokeFailure(exception.InnerExceptions.Count == 1 ? exception.InnerException! : exception);
        }
        else if (task.IsCanceled)
        {
            HandleInvokeFailure(new TaskCanceledException(task));
        }
    }

    private void HandleContinuation(RunContinuation continuation)
    {
        if ((_flags & FlagTerminating) != 0 || !ReferenceEquals(_extras?.SyncContext, continuation.Context))
        {
            return;
        }

        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(continuation.Context);
        try
        {
            continuation.Callback(continuation.State);
        }
        catch (Exception ex)
        {
            HandleInvokeFailure(ex);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
    }

    /// <summary>Runs a ReceiveAsync handler; if its task is pending, user messages wait until it completes.</summary>
    internal void RunTask(Func<Task> action)
    {
        var extras = Extras;
        var context = extras.SyncContext ??= new ActorSynchronizationContext(this);
        var previous = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(context);
        Task task;
        try
        {
            task = action() ?? throw new InvalidOperationException($"A ReceiveAsync handler of '{_path}' returned a null Task.");
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        if (task.IsCompleted)
        {
            task.GetAwaiter().GetResult();
            return;
        }

        extras.PendingTask = task;
        _flags |= FlagAwaiting;
        task.ContinueWith(
            static (t, state) => ((ActorCell)state!).SendSystem(new AsyncCompleted(t)),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}
