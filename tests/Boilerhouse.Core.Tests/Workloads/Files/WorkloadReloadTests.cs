using Boilerhouse.Core.Workloads.Files;

namespace Boilerhouse.Core.Tests.Workloads.Files;

public sealed class WorkloadReloadTests
{
    private const string A1 = "x-boilerhouse: {id: a}\nimage: one\n";
    private const string A2 = "x-boilerhouse: {id: a}\nimage: two\n";
    private const string Broken = "x-boilerhouse: {id: a}\nimage: two\nreadonly: true\n";

    private static WorkloadSet Load(WorkloadSet previous, Func<string, bool>? inUse = null, params (string, string)[] files) =>
        WorkloadReload.Merge(previous, files, null, inUse ?? (_ => false));

    [Fact]
    public void Valid_edit_runs_the_new_version()
    {
        var first = Load(WorkloadSet.Empty, files: ("a.yaml", A1));

        var next = Load(first, files: ("a.yaml", A2));

        Assert.Equal("two", Assert.Single(next.Loaded).Spec.Image);
        Assert.Empty(next.Errors);
        Assert.NotEqual(first.Find("a")!.ETag, next.Find("a")!.ETag);
    }

    [Fact]
    public void Invalid_edit_keeps_the_last_good_version_and_reports_the_file()
    {
        var first = Load(WorkloadSet.Empty, files: ("a.yaml", A1));

        var next = Load(first, files: ("a.yaml", Broken));

        var kept = Assert.Single(next.Loaded);
        Assert.Equal(("one", A1), (kept.Spec.Image, kept.Yaml));
        Assert.Equal("readonly", Assert.Single(next.Errors).Field);
        Assert.Equal("readonly", Assert.Single(next.Stale["a"]).Field);
        Assert.Equal("one", next.ToCatalog().Workloads.Single().Image);
    }

    [Fact]
    public void New_invalid_file_is_only_reported()
    {
        var next = Load(WorkloadSet.Empty, files: ("a.yaml", Broken));

        Assert.Empty(next.Loaded);
        Assert.Single(next.Errors);
        Assert.Empty(next.Stale);
    }

    [Fact]
    public void Removed_file_removes_its_workload_unless_tenants_hold_containers()
    {
        var first = Load(WorkloadSet.Empty, files: ("a.yaml", A1));

        Assert.Empty(Load(first).Loaded);

        var held = Load(first, inUse: id => id == "a");
        Assert.Equal("a", Assert.Single(held.Loaded).Spec.Id);
        Assert.Contains("removed while tenants hold containers", Assert.Single(held.Stale["a"]).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_id_in_a_later_file_is_ignored_and_reported()
    {
        var next = Load(WorkloadSet.Empty, files: [("a.yaml", A1), ("b.yaml", A2)]);

        Assert.Equal("one", Assert.Single(next.Loaded).Spec.Image);
        Assert.Equal("x-boilerhouse.id", Assert.Single(next.Errors).Field);
    }

    [Fact]
    public void Pool_removed_from_a_file_keeps_running_while_tenants_hold_it_then_goes()
    {
        const string two = "x-boilerhouse: {id: w, pools: [{id: p1}, {id: p2}]}\nimage: one\n";
        const string one = "x-boilerhouse: {id: w, pools: [{id: p1}]}\nimage: two\n";
        var first = Load(WorkloadSet.Empty, files: ("w.yaml", two));

        var held = Load(first, inUse: id => id == "p2", files: ("w.yaml", one));

        Assert.Equal(["p1", "p2"], held.ToCatalog().Workloads.Select(p => p.Id));
        Assert.Equal("one", held.ToCatalog().Workloads[1].Image);
        Assert.Contains("pool 'p2' was removed while tenants hold its containers", Assert.Single(held.Errors).Message, StringComparison.Ordinal);
        Assert.Null(held.FindByPool("p2"));

        var still = Load(held, inUse: id => id == "p2", files: ("w.yaml", one));
        Assert.Equal(2, still.ToCatalog().Workloads.Count);

        var released = Load(still, files: ("w.yaml", one));
        Assert.Equal(["p1"], released.ToCatalog().Workloads.Select(p => p.Id));
        Assert.Empty(released.Errors);
    }
}
