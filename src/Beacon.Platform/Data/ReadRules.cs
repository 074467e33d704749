using System.Collections.Concurrent;
using System.Linq.Expressions;
using Beacon.Platform.Common;
using Beacon.Platform.Units.Domain;
using Microsoft.EntityFrameworkCore;

namespace Beacon.Platform.Data;

/// <summary>
/// Who reads, as a read rule sees them: the path their subtree's records start with (one no record has when
/// they have no subtree), the ids of their unit and every unit above it, and their user id.
/// </summary>
public sealed record Reader(string Path, IReadOnlyList<Guid> Chain, Guid UserId)
{
    public static Reader Of(CurrentActor actor) => new(actor.ScopePath,
        actor.Scope == ScopeKind.Subtree ? UnitPaths.Ids(actor.UnitPath) : [], actor.UserId ?? Guid.Empty);
}

/// <summary>
/// The scope rule for records, in one place. Every unit-owned record is readable in the subtree of its unit
/// (the platform's query filter). A record type that is also read from outside that subtree (a warning issued
/// to the units below, a response a unit takes part in, a matter a unit handles) declares that exception once,
/// in its module's *Access.cs, with <see cref="Declare{T}"/>; handlers read such records through
/// <see cref="Readable{T}"/> and never lift the query filter themselves.
/// </summary>
public static class ReadRules
{
    private static readonly ConcurrentDictionary<Type, Delegate> Exceptions = new();

    /// <summary>Who besides the record's own subtree reads records of <typeparamref name="T"/>.</summary>
    public static void Declare<T>(Func<BeaconDbContext, Reader, Expression<Func<T, bool>>> alsoReadable) where T : class, IUnitScoped =>
        Exceptions[typeof(T)] = alsoReadable;

    /// <summary>
    /// The records of <typeparamref name="T"/> the actor may read: their subtree's and those its declared exception
    /// admits; everything for the system. A type without a declared exception reads through the query filter alone.
    /// </summary>
    public static IQueryable<T> Readable<T>(this BeaconDbContext db) where T : class, IUnitScoped
    {
        if (db.Actor.Scope == ScopeKind.System)
        {
            return db.Set<T>().IgnoreQueryFilters();
        }
        if (!Exceptions.TryGetValue(typeof(T), out var rule))
        {
            return db.Set<T>();
        }
        var reader = Reader.Of(db.Actor);
        var path = reader.Path;
        Expression<Func<T, bool>> own = e => e.UnitPath.StartsWith(path);
        var also = ((Func<BeaconDbContext, Reader, Expression<Func<T, bool>>>)rule)(db, reader);
        var body = Expression.OrElse(own.Body, new Rebind(also.Parameters[0], own.Parameters[0]).Visit(also.Body));
        return db.Set<T>().IgnoreQueryFilters().Where(Expression.Lambda<Func<T, bool>>(body, own.Parameters));
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
