using Boilerhouse.Core.Workloads;
using Boilerhouse.Core.Workloads.Parsing;

namespace Boilerhouse.Core.Tests.Workloads;

public sealed class WorkloadCatalogTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("boilerhouse-workloads-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void LoadDirectory_returns_good_spec_and_errors_of_bad_file()
    {
        // Given
        Write("good.yaml", "x-boilerhouse: {id: good}\nimage: a");
        Write("bad.yml", "x-boilerhouse: {id: bad}\nimage: a\nreadonly: true");

        // When
        var catalog = WorkloadCatalog.LoadDirectory(_directory);

        // Then
        var spec = Assert.Single(catalog.Workloads);
        Assert.Equal("good", spec.Id);
        Assert.Equal(Path.Combine(_directory, "good.yaml"), spec.SourceFile);
        var error = Assert.Single(catalog.Errors);
        Assert.Equal(new WorkloadError(Path.Combine(_directory, "bad.yml"), 3, "readonly", "unknown field 'readonly' (did you mean 'read_only'?)"), error);
        Assert.True(catalog.HasErrors);
    }

    [Fact]
    public void LoadDirectory_duplicate_id_keeps_first_file_and_reports_second()
    {
        Write("a.yaml", "x-boilerhouse: {id: same}\nimage: first");
        Write("b.yaml", "image: second\nx-boilerhouse:\n  id: same");

        var catalog = WorkloadCatalog.LoadDirectory(_directory);

        Assert.Equal("first", Assert.Single(catalog.Workloads).Image);
        var error = Assert.Single(catalog.Errors);
        Assert.Equal((Path.Combine(_directory, "b.yaml"), 3, "x-boilerhouse.id"), (error.File, error.Line, error.Field));
        Assert.Equal($"workload id 'same' is already declared in '{Path.Combine(_directory, "a.yaml")}'; this file is ignored", error.Message);
    }

    [Fact]
    public void LoadDirectory_ignores_other_files_and_subfolders()
    {
        Write("notes.txt", "not yaml");
        Write("spec.yaml.bak", "x-boilerhouse: {id: bak}\nimage: a");
        Directory.CreateDirectory(Path.Combine(_directory, "examples"));
        File.WriteAllText(Path.Combine(_directory, "examples", "x.yaml"), "broken: [");
        Write("ok.YAML", "x-boilerhouse: {id: ok}\nimage: a");

        var catalog = WorkloadCatalog.LoadDirectory(_directory);

        Assert.Empty(catalog.Errors);
        Assert.Equal("ok", Assert.Single(catalog.Workloads).Id);
    }

    [Fact]
    public void LoadDirectory_missing_folder_is_an_error_not_an_exception()
    {
        var missing = Path.Combine(_directory, "nope");

        var catalog = WorkloadCatalog.LoadDirectory(missing);

        Assert.Empty(catalog.Workloads);
        Assert.Equal(new WorkloadError(missing, null, "", $"workload directory '{missing}' does not exist"), Assert.Single(catalog.Errors));
    }

    [Fact]
    public void LoadDirectory_empty_folder_has_no_workloads_and_no_errors()
    {
        var catalog = WorkloadCatalog.LoadDirectory(_directory);

        Assert.Empty(catalog.Workloads);
        Assert.Empty(catalog.Errors);
    }

    [Fact]
    public void TryGet_finds_workloads_by_id()
    {
        var catalog = WorkloadCatalog.FromYaml([("one.yaml", "x-boilerhouse: {id: one}\nimage: a"), ("two.yaml", "x-boilerhouse: {id: two}\nimage: b")]);

        Assert.True(catalog.TryGet("two", out var two));
        Assert.Equal("b", two.Image);
        Assert.False(catalog.TryGet("three", out var three));
        Assert.Null(three);
        Assert.False(catalog.TryGet("TWO", out _));
    }

    [Fact]
    public void Catalog_lists_cannot_be_mutated()
    {
        var catalog = WorkloadCatalog.FromYaml([("one.yaml", "x-boilerhouse: {id: one}\nimage: a")]);

        Assert.Throws<NotSupportedException>(() => ((IList<WorkloadSpec>)catalog.Workloads).Clear());
        Assert.Throws<NotSupportedException>(() => ((IList<WorkloadError>)catalog.Errors).Add(new WorkloadError("f", 1, "", "m")));
    }

    [Fact]
    public void Empty_catalog_has_nothing()
    {
        Assert.Empty(WorkloadCatalog.Empty.Workloads);
        Assert.Empty(WorkloadCatalog.Empty.Errors);
        Assert.False(WorkloadCatalog.Empty.TryGet("web", out _));
    }

    private void Write(string name, string yaml) => File.WriteAllText(Path.Combine(_directory, name), yaml);
}
