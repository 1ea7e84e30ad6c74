from organizations.selectors import hr_organizations


def navigation(request):
    """What the site's navigation needs to know about the signed-in person.

    A callable, so the query runs only when a template asks."""
    user = request.user

    def manages_people():
        return user.is_authenticated and hr_organizations(user=user).exists()

    return {"nav_manages_people": manages_people}
