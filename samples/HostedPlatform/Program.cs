// A minimal ASP.NET Core app that runs the IoActors platform in its own actor system, next to an actor of its own.
using Akka.Actor;
using Akka.Hosting;
using IoActors.Apps.Registry;
using IoActors.Hocon.Configuration;
using IoActors.Platform;
using IoActors.Platform.Configuration;

var builder = WebApplication.CreateBuilder(args);

// Listen on loopback unless --urls or ASPNETCORE_URLS says otherwise.
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    builder.WebHost.UseUrls("http://127.0.0.1:5080");
}

// The platform's configuration: ioactors.conf (HOCON) beside the app; relative paths (apps/, data/) resolve against its folder.
var folder = AppContext.BaseDirectory;
var configuration = new ConfigurationBuilder().AddHoconFile(Path.Combine(folder, "ioactors.conf")).Build();
var platformOptions = new IoPlatformOptions { Configuration = PlatformOptions.Bind(configuration, folder) };

// The platform (under /user/platform) and our own actor in the same actor system. Our actor starts before the
// platform's, so it sees every app the stores bring.
builder.Services.AddIoActors(platformOptions, (akka, provider) => akka.WithActors((system, registry) =>
{
    var logger = provider.GetRequiredService<ILogger<AppsSeenActor>>();
    registry.Register<AppsSeenActor>(system.ActorOf(Props.Create(() => new AppsSeenActor(logger)), "apps-seen"));
}));

var app = builder.Build();

// Our endpoint: asks our actor which apps it has seen.
app.MapGet("/apps-seen", async (IRequiredActor<AppsSeenActor> seen) =>
    await (await seen.GetAsync()).Ask<string[]>(AppsSeenActor.List.Instance, TimeSpan.FromSeconds(5)));

app.Run();

/// <summary>Subscribes to the registry's <see cref="AppAdded"/> events on the event stream, logs them and keeps the names.</summary>
internal sealed class AppsSeenActor : ReceiveActor
{
    private readonly SortedSet<string> _names = new(StringComparer.Ordinal);

    public AppsSeenActor(ILogger<AppsSeenActor> logger)
    {
        Receive<AppAdded>(added =>
        {
            _names.Add(added.App.Name);
            logger.LogInformation("AppAdded: {App}", added.App.Name);
        });
        Receive<List>(_ => Sender.Tell(_names.ToArray()));
    }

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(AppAdded));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);

    /// <summary>Asks for the names seen so far (answered with a string array).</summary>
    public sealed class List
    {
        public static readonly List Instance = new();

        private List()
        {
        }
    }
}
