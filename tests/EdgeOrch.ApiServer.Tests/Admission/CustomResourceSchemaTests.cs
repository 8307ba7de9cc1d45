using System.Text.Json.Nodes;
using EdgeOrch.Api.Resources;
using EdgeOrch.ApiServer.Admission;
using EdgeOrch.ApiServer.Http;

namespace EdgeOrch.ApiServer.Tests.Admission;

public sealed class CustomResourceSchemaTests
{
    private static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;

    private static JsonObject SpecSchema(string specProperties, string extra = "") =>
        Parse("{\"type\":\"object\",\"properties\":{\"spec\":{\"type\":\"object\"" + extra + ",\"properties\":{" + specProperties + "}}}}");

    private static string[] Errors(JsonObject schema, string spec) =>
        CustomResourceSchemaValidator.Validate(Parse($$"""{"apiVersion":"x/v1","kind":"W","metadata":{"name":"w"},"spec":{{spec}}}"""), schema)
            .Select(e => $"{e.Field}: {e.Message}").ToArray();

    [Fact]
    public void PrunesUnknownFieldsButKeepsMetadataAndPreservedOnes()
    {
        var schema = Parse("""
            {"type":"object","properties":{
              "spec":{"type":"object","properties":{"size":{"type":"integer"},
                "free":{"type":"object","x-kubernetes-preserve-unknown-fields":true},
                "labels":{"type":"object","additionalProperties":{"type":"object","properties":{"a":{"type":"string"}}}},
                "pod":{"type":"object","x-kubernetes-embedded-resource":true,"properties":{"spec":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}},
                "items":{"type":"array","items":{"type":"object","properties":{"n":{"type":"string"}}}}}}}}
            """);
        var obj = Parse("""
            {"apiVersion":"x/v1","kind":"W","metadata":{"name":"w","labels":{"a":"b"}},"extra":1,
             "spec":{"size":1,"shape":"round","free":{"anything":{"x":1}},"labels":{"k":{"a":"1","b":"2"}},
               "pod":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"c":1},"junk":true},
               "items":[{"n":"a","m":"b"}]}}
            """);
        var removed = CustomResourceSchemaPruner.Prune(obj, schema);
        Assert.Equal(
            """{"apiVersion":"x/v1","kind":"W","metadata":{"name":"w","labels":{"a":"b"}},"spec":{"size":1,"free":{"anything":{"x":1}},"labels":{"k":{"a":"1"}},"pod":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"c":1}},"items":[{"n":"a"}]}}""",
            obj.ToJsonString());
        Assert.Equal(["extra", "spec.shape", "spec.labels.k.b", "spec.pod.junk", "spec.items[0].m"], removed);
    }

    [Fact]
    public void PrunesNullsOfNonNullableFields()
    {
        var schema = SpecSchema("""
            "a":{"type":"string"},"b":{"type":"string","nullable":true},"c":{"type":"string","default":"x"}
            """);
        var obj = Parse("""{"spec":{"a":null,"b":null,"c":null}}""");
        CustomResourceSchemaPruner.Prune(obj, schema);
        CustomResourceSchemaDefaulter.Apply(obj, schema);
        Assert.Equal("""{"spec":{"b":null,"c":"x"}}""", obj.ToJsonString());
    }

    [Fact]
    public void AppliesDefaultsTopDownOnlyWhereObjectsExist()
    {
        var schema = SpecSchema("""
            "color":{"type":"string","default":"green"},
            "size":{"type":"integer","default":1},
            "tls":{"type":"object","default":{},"properties":{"port":{"type":"integer","default":443}}},
            "absent":{"type":"object","properties":{"x":{"type":"string","default":"y"}}},
            "ports":{"type":"array","items":{"type":"object","properties":{"protocol":{"type":"string","default":"TCP"}}}}
            """);
        var obj = Parse("""{"spec":{"size":3,"ports":[{"port":80},{"protocol":"UDP"}]}}""");
        CustomResourceSchemaDefaulter.Apply(obj, schema);
        Assert.Equal("""{"spec":{"size":3,"ports":[{"port":80,"protocol":"TCP"},{"protocol":"UDP"}],"color":"green","tls":{"port":443}}}""",
            obj.ToJsonString());
    }

    [Theory]
    [InlineData("\"integer\"", "\"big\"", "spec.v: Invalid value: \"string\": spec.v in body must be of type integer: \"string\"")]
    [InlineData("\"integer\"", "1.5", "spec.v: Invalid value: \"number\": spec.v in body must be of type integer: \"number\"")]
    [InlineData("\"string\"", "1", "spec.v: Invalid value: \"integer\": spec.v in body must be of type string: \"integer\"")]
    [InlineData("\"boolean\"", "\"true\"", "spec.v: Invalid value: \"string\": spec.v in body must be of type boolean: \"string\"")]
    [InlineData("\"object\"", "[]", "spec.v: Invalid value: \"array\": spec.v in body must be of type object: \"array\"")]
    [InlineData("\"array\"", "{}", "spec.v: Invalid value: \"object\": spec.v in body must be of type array: \"object\"")]
    [InlineData("\"string\"", "null", "spec.v: Invalid value: \"null\": spec.v in body must be of type string: \"null\"")]
    public void RejectsWrongTypes(string type, string value, string expected)
    {
        Assert.Equal([expected], Errors(SpecSchema($$"""
            "v":{"type":{{type}}}
            """), $$"""{"v":{{value}}}"""));
    }

    [Theory]
    [InlineData("\"integer\"", "2")]
    [InlineData("\"integer\"", "2.0")]
    [InlineData("\"number\"", "2")]
    [InlineData("\"number\"", "2.5")]
    [InlineData("\"string\"", "\"s\"")]
    [InlineData("\"boolean\"", "false")]
    public void AcceptsMatchingTypes(string type, string value)
    {
        Assert.Empty(Errors(SpecSchema($$"""
            "v":{"type":{{type}}}
            """), $$"""{"v":{{value}}}"""));
    }

    [Fact]
    public void NullableAcceptsNullAndIntOrStringAcceptsBoth()
    {
        var schema = SpecSchema("""
            "n":{"type":"string","nullable":true},"p":{"x-kubernetes-int-or-string":true}
            """);
        Assert.Empty(Errors(schema, """{"n":null,"p":80}"""));
        Assert.Empty(Errors(schema, """{"p":"http"}"""));
        Assert.Single(Errors(schema, """{"p":true}"""));
    }

    [Fact]
    public void ReportsMissingRequiredFields()
    {
        var schema = SpecSchema("""
            "size":{"type":"integer"}
            """, ""","required":["size"]""");
        Assert.Equal(["spec.size: Required value"], Errors(schema, """{"color":"red"}"""));
    }

    [Fact]
    public void ReportsUnsupportedEnumValues()
    {
        var schema = SpecSchema("""
            "color":{"type":"string","enum":["red","green"]},"n":{"type":"integer","enum":[1,2]}
            """);
        Assert.Equal(["spec.color: Unsupported value: \"blue\": supported values: \"red\", \"green\""], Errors(schema, """{"color":"blue"}"""));
        Assert.Equal(["spec.n: Unsupported value: 3: supported values: \"1\", \"2\""], Errors(schema, """{"n":3}"""));
        Assert.Empty(Errors(schema, """{"color":"green","n":2}"""));
    }

    [Theory]
    [InlineData("\"minimum\":1", "0", "spec.v: Invalid value: 0: spec.v in body should be greater than or equal to 1")]
    [InlineData("\"minimum\":1,\"exclusiveMinimum\":true", "1", "spec.v: Invalid value: 1: spec.v in body should be greater than 1")]
    [InlineData("\"maximum\":10", "11", "spec.v: Invalid value: 11: spec.v in body should be less than or equal to 10")]
    [InlineData("\"maximum\":10,\"exclusiveMaximum\":true", "10", "spec.v: Invalid value: 10: spec.v in body should be less than 10")]
    [InlineData("\"maximum\":1.5", "2.5", "spec.v: Invalid value: 2.5: spec.v in body should be less than or equal to 1.5")]
    [InlineData("\"multipleOf\":5", "7", "spec.v: Invalid value: 7: spec.v in body should be a multiple of 5")]
    public void ChecksNumberBounds(string keywords, string value, string expected)
    {
        Assert.Equal([expected], Errors(SpecSchema($$"""
            "v":{"type":"number",{{keywords}}}
            """), $$"""{"v":{{value}}}"""));
    }

    [Fact]
    public void ChecksStringLengthPatternAndFormat()
    {
        var schema = SpecSchema("""
            "name":{"type":"string","minLength":2,"maxLength":5,"pattern":"^[a-z]+$"},
            "when":{"type":"string","format":"date-time"}
            """);
        Assert.Equal(["spec.name: Invalid value: \"a\": spec.name in body should be at least 2 chars long"], Errors(schema, """{"name":"a"}"""));
        Assert.Equal(["spec.name: Too long: may not be longer than 5"], Errors(schema, """{"name":"abcdef"}"""));
        Assert.Equal(["spec.name: Invalid value: \"A1\": spec.name in body should match '^[a-z]+$'"], Errors(schema, """{"name":"A1"}"""));
        Assert.Equal(["spec.when: Invalid value: \"soon\": spec.when in body must be of type date-time: \"soon\""], Errors(schema, """{"when":"soon"}"""));
        Assert.Empty(Errors(schema, """{"name":"abc","when":"2024-01-02T03:04:05Z"}"""));
    }

    [Fact]
    public void ChecksArrays()
    {
        var schema = SpecSchema("""
            "list":{"type":"array","minItems":1,"maxItems":2,"items":{"type":"integer","minimum":0}},
            "uniq":{"type":"array","uniqueItems":true,"items":{"type":"string"}},
            "set":{"type":"array","x-kubernetes-list-type":"set","items":{"type":"string"}},
            "map":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],
                   "items":{"type":"object","properties":{"name":{"type":"string"}}}}
            """);
        Assert.Equal(["spec.list: Invalid value: 0: spec.list in body should have at least 1 items"], Errors(schema, """{"list":[]}"""));
        Assert.Equal(["spec.list: Too many: 3: must have at most 2 items"], Errors(schema, """{"list":[1,2,3]}"""));
        Assert.Equal(["spec.list[1]: Invalid value: -1: spec.list[1] in body should be greater than or equal to 0"], Errors(schema, """{"list":[1,-1]}"""));
        Assert.Equal(["spec.uniq: Invalid value: \"\": spec.uniq in body shouldn't contain duplicates"], Errors(schema, """{"uniq":["a","a"]}"""));
        Assert.Equal(["spec.set[2]: Duplicate value: \"a\""], Errors(schema, """{"set":["a","b","a"]}"""));
        Assert.Equal(["spec.map[1]: Duplicate value: map[string]interface {}{\"name\":\"x\"}"], Errors(schema, """{"map":[{"name":"x"},{"name":"x"}]}"""));
    }

    [Fact]
    public async Task AdmissionPrunesDefaultsAndAnswersInvalidWithKubernetesMessage()
    {
        var schema = SpecSchema("""
            "size":{"type":"integer","minimum":1},"color":{"type":"string","enum":["red","green"],"default":"green"}
            """, ""","required":["size"]""");
        var type = new ResourceType("example.com", "v1", "Widget", "widgets", true, []) { IsCustom = true, Schema = schema };
        var plugin = new CustomResourceSchemaAdmission();
        Assert.True(plugin.Handles(type));

        var good = Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"good"},"spec":{"size":3,"shape":"round"}}""");
        await plugin.MutateAsync(new AdmissionRequest(type, AdmissionOperation.Create, good, null, null), CancellationToken.None);
        Assert.Equal("""{"size":3,"color":"green"}""", good["spec"]!.ToJsonString());

        var small = Parse("""{"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"small"},"spec":{"size":0}}""");
        var e = await Assert.ThrowsAsync<ApiException>(async () =>
            await plugin.MutateAsync(new AdmissionRequest(type, AdmissionOperation.Update, small, small, "status"), CancellationToken.None));
        Assert.Equal(422, e.Code);
        Assert.Equal("Widget.example.com \"small\" is invalid: spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1", e.Message);
    }
}
